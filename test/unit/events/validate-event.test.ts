import { describe, expect, test } from 'vitest';
import { EVENT_LIMITS } from '../../../functions/domain/events/limits.ts';
import { formatPath, validateEvent } from '../../../functions/domain/events/validate-event.ts';

const decision = {
  type: 'decision',
  id: 'dec-1',
  monitor: 'support-triage',
  time: '2026-11-20T10:00:00Z',
  predicted: 'escalate',
};

describe('Function: validateEvent', () => {
  test.each<[string, Record<string, unknown>, string, RegExp]>([
    [
      'a missing predicted label',
      { predicted: undefined },
      'predicted',
      /expected string, received undefined/,
    ],
    ['a numeric predicted label', { predicted: 42 }, 'predicted', /expected string, received number/],
    ['a confidence below zero', { confidence: -0.1 }, 'confidence', /Too small/],
    ['an infinite confidence', { confidence: Number.POSITIVE_INFINITY }, 'confidence', /./],
    ['a time with a lower-case zone', { time: '2026-11-20T10:00:00z' }, 'time', /with a zone/],
    ['a feature value that is a list', { features: { tags: ['a'] } }, 'features.tags', /must be a number/],
    ['an empty feature string', { features: { channel: '' } }, 'features.channel', /Too small/],
    ['a NaN feature value', { features: { x: Number.NaN } }, 'features.x', /must be a number/],
    ['a feature name with a slash', { features: { 'a/b': 1 } }, 'features.a/b', /invalid feature name/],
    ['a variant with a newline', { variant: 'canary\n' }, 'variant', /control characters/],
    ['a 65-character task name', { task: 't'.repeat(65) }, 'task', /<=64 characters/],
    ['an unknown field', { extra: true }, '', /Unrecognized key: "extra"/],
  ])('It rejects %s, naming the index, the path and the reason.', (_what, patch, path, reason) => {
    // Prepare
    const raw = { ...decision, ...patch };

    // Act
    const result = validateEvent(raw, 3);

    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const rejection = result.rejections.find((r) => r.path === path);
    expect(rejection, JSON.stringify(result.rejections)).toMatchObject({ index: 3, id: 'dec-1' });
    expect(rejection?.reason).toMatch(reason);
  });

  test.each<[string, unknown]>([
    ['an id that is too long to be an id', { ...decision, id: 'x'.repeat(EVENT_LIMITS.maxIdLength + 1) }],
    ['a numeric id', { ...decision, id: 7 }],
    ['no object at all', 'decision'],
  ])('It leaves the id out of the rejection for %s.', (_what, raw) => {
    // Prepare
    const input = raw;

    // Act
    const result = validateEvent(input, 0);

    // Assess
    expect(result.ok).toBe(false);
    if (!result.ok) for (const r of result.rejections) expect(r).not.toHaveProperty('id');
  });

  test('It rejects an event one byte over the size limit as a whole, with its size, before looking inside.', () => {
    // Prepare
    const raw = { ...decision, extra: 'ignored' };

    // Act
    const result = validateEvent(raw, 9, EVENT_LIMITS.maxEventBytes + 1);

    // Assess
    expect(result).toEqual({
      ok: false,
      rejections: [{ index: 9, path: '', reason: 'event is 8193 bytes; the limit is 8192', id: 'dec-1' }],
    });
  });

  test('It accepts a valid event of exactly the size limit.', () => {
    // Prepare
    const raw = decision;

    // Act
    const result = validateEvent(raw, 0, EVENT_LIMITS.maxEventBytes);

    // Assess
    expect(result).toEqual({ ok: true, event: decision });
  });

  test('It measures the UTF-8 size itself when the caller does not know it (multi-byte characters count).', () => {
    // Prepare: 40 feature values of 100 three-byte characters each: 4,000 characters but over 12,000 bytes.
    const features = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, '中'.repeat(100)]));
    const raw = { ...decision, features };
    const bytes = Buffer.byteLength(JSON.stringify(raw), 'utf8');

    // Act
    const result = validateEvent(raw, 0);

    // Assess
    expect(JSON.stringify(raw).length).toBeLessThan(EVENT_LIMITS.maxEventBytes);
    expect(result).toMatchObject({
      ok: false,
      rejections: [
        { path: '', reason: `event is ${bytes} bytes; the limit is ${EVENT_LIMITS.maxEventBytes}` },
      ],
    });
  });

  test('It reports every problem of an event, not only the first.', () => {
    // Prepare
    const raw = { ...decision, confidence: 3, variant: '' };

    // Act
    const result = validateEvent(raw, 0);

    // Assess
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.rejections.map((r) => r.path).sort()).toEqual(['confidence', 'variant', 'variant']);
  });
});

describe('Function: formatPath', () => {
  test.each<[readonly PropertyKey[], string]>([
    [[], ''],
    [['features'], 'features'],
    [['features', 'amount'], 'features.amount'],
    [['events', 2, 'time'], 'events[2].time'],
    [[0, 'id'], '[0].id'],
  ])('It formats %j as "%s".', (path, expected) => {
    // Prepare
    const input = path;

    // Act
    const text = formatPath(input);

    // Assess
    expect(text).toBe(expected);
  });
});
