import { describe, expect, test } from 'vitest';
import {
  count,
  dayLabel,
  duration,
  escapeHtml,
  latency,
  objectiveDecimals,
  pct,
  pointsChange,
  score,
} from '../../../functions/report/render/format.ts';

describe('Function: escapeHtml', () => {
  test('markup characters and both quotes are escaped, so report text cannot open a tag or end an attribute', () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;',
    );
  });
});

describe('Function: pct', () => {
  test.each([
    [0.95, 1, '95.0%'],
    [0.99875, 2, '99.88%'],
    [-0.436, 1, '-43.6%'],
    [null, 1, '—'],
    [Number.NaN, 1, '—'],
  ])('%d with %d decimals reads %s', (value, decimals, text) => {
    expect(pct(value, decimals)).toBe(text);
  });
});

describe('Function: objectiveDecimals', () => {
  test.each([
    [0.9, 1],
    [0.95, 1],
    [0.99, 1],
    [0.999, 2],
    [0.9995, 3],
  ])('an objective of %d is shown with %d decimals, one more than it has as a percentage', (o, d) => {
    expect(objectiveDecimals(o)).toBe(d);
  });
});

describe('Function: duration', () => {
  test.each([
    [0, '0s'],
    [45_000, '45s'],
    [3_600_000, '1h'],
    [8_100_000, '2h 15m'],
    [3 * 86_400_000 + 4 * 3_600_000 + 59_000, '3d 4h'],
    [86_400_000 + 30_000, '1d'],
    [null, '—'],
  ])('%d ms reads %s', (ms, text) => {
    expect(duration(ms)).toBe(text);
  });
});

describe('Function: latency', () => {
  test.each([
    [850, '850 ms'],
    [12_345, '12.3 s'],
    [252_000, '4.2 min'],
    [undefined, '—'],
  ])('%d ms reads %s', (ms, text) => {
    expect(latency(ms)).toBe(text);
  });
});

describe('Function: count, score, dayLabel, pointsChange', () => {
  test.each([
    [count(1234567), '1,234,567'],
    [count(12), '12'],
    [score(0.91764), '0.918'],
    [score(null), '—'],
    [dayLabel('2026-11-16'), 'Mon 16'],
    [dayLabel('2026-11-22'), 'Sun 22'],
    [pointsChange(0.0123), '+1.2 pp'],
    [pointsChange(-0.4), '−40.0 pp'],
    [pointsChange(0.0001), '±0.0 pp'],
  ])('%s reads %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
