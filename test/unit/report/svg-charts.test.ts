import { describe, expect, test } from 'vitest';
import {
  barChart,
  type CategoryChartSpec,
  hasData,
  lineChart,
  timelineChart,
} from '../../../functions/report/render/svg-charts.ts';

const BASE: Omit<CategoryChartSpec, 'series'> = {
  id: 'm-test',
  title: 'A <chart> & "title"',
  description: 'What it shows.',
  xLabel: 'day (UTC)',
  yLabel: 'ratio (%)',
  categories: ['Mon 16', 'Tue 17', 'Wed 18', 'Thu 19'],
  format: (v) => String(v * 100),
};

const attr = (svg: string, name: string) =>
  [...svg.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1]);

describe('Function: lineChart', () => {
  test('a chart has an escaped title and description, labelled axes and one group per series with its point count', () => {
    // Act
    const svg = lineChart({
      ...BASE,
      series: [
        { name: 'precision', values: [0.9, 0.92, null, 0.95] },
        { name: 'recall', values: [0.8, 0.85, 0.83, 0.84] },
      ],
      references: [{ value: 0.9, label: 'objective 90%' }],
    });

    // Assess
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<title id="m-test-title">A &lt;chart&gt; &amp; &quot;title&quot;</title>');
    expect(svg).toContain('<desc id="m-test-desc">What it shows.</desc>');
    expect(svg).toContain('>day (UTC)</text>');
    expect(svg).toContain('>ratio (%)</text>');
    expect(attr(svg, 'data-points')).toEqual(['3', '4']);
    expect(svg).toContain('class="reference" data-value="0.9"');
    expect(svg).toContain('objective 90%');
  });

  test('a missing value breaks the line: the series path restarts after the gap', () => {
    const svg = lineChart({ ...BASE, series: [{ name: 's', values: [0.9, 0.92, null, 0.95] }] });
    const path = /<g class="series"[^>]*><path d="([^"]+)"/.exec(svg)?.[1] ?? '';
    expect(path.match(/M/g)).toHaveLength(2);
    expect(path.match(/L/g)).toHaveLength(1);
  });

  test('series differ by dash pattern and marker shape, not only by colour, so they survive a black-and-white print', () => {
    // Act
    const svg = lineChart({
      ...BASE,
      series: ['a', 'b', 'c', 'd'].map((name, k) => ({ name, values: [0.1 * k, 0.2, 0.3, 0.4] })),
    });

    // Assess
    const groups = svg
      .split('<g class="series"')
      .slice(1)
      .map((g) => g.slice(0, g.indexOf('</g>')));
    const dashes = groups.map((g) => /stroke-dasharray="([^"]+)"/.exec(g)?.[1] ?? 'solid');
    const markers = groups.map((g) =>
      /<(circle|rect|path d="M[^"]*Z")/.exec(g.slice(g.indexOf('/>') + 2))?.[0].slice(0, 12),
    );
    expect(new Set(dashes).size).toBe(4);
    expect(new Set(markers).size).toBeGreaterThanOrEqual(3);
  });

  test('values and references far outside the limits stay inside the plot area', () => {
    const svg = lineChart({
      ...BASE,
      series: [{ name: 's', values: [0.5, 1.7, -3, 0.2] }],
      limits: { min: 0, max: 1 },
    });
    const series = svg.slice(svg.indexOf('<g class="series"'), svg.indexOf('<g class="legend"'));
    const ys = [...series.matchAll(/<circle cx="[^"]+" cy="([^"]+)"/g)].map((m) => Number(m[1]));
    expect(ys).toHaveLength(4);
    for (const y of ys) {
      expect(y).toBeGreaterThanOrEqual(44);
      expect(y).toBeLessThanOrEqual(214);
    }
  });
});

describe('Function: barChart', () => {
  test('bars are filled with a pattern defined inside the chart and negative values hang below the zero line', () => {
    // Act
    const svg = barChart({
      ...BASE,
      series: [
        { name: 'a', values: [0.5, -0.25, null, 1] },
        { name: 'b', values: [0.1, 0.2, 0.3, 0.4] },
      ],
    });

    // Assess
    expect(attr(svg, 'data-points')).toEqual(['3', '4']);
    expect(svg).toContain('<pattern id="m-test-p0"');
    expect(svg).toContain('<pattern id="m-test-p1"');
    expect(svg).toContain('fill="url(#m-test-p1)"');
    const bars = [
      ...svg.matchAll(/<rect class="bar" x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)"/g),
    ].map((m) => [Number(m[1]), Number(m[2])]);
    const [positive, negative] = bars;
    // The negative bar starts where the positive one ends (the zero line).
    expect((positive?.[0] ?? 0) + (positive?.[1] ?? 0)).toBeCloseTo(negative?.[0] ?? -1, 0);
  });
});

describe('Function: timelineChart', () => {
  test('spans are clipped to the time range and drawn in their row; spans outside it are not drawn', () => {
    // Act
    const svg = timelineChart({
      id: 'tl',
      title: 'Drift',
      description: 'd',
      xLabel: 'time (UTC)',
      rows: ['amount', 'country'],
      from: 0,
      to: 1000,
      ticks: [{ at: 0, label: 'Mon' }],
      spans: [
        { row: 'country', from: -500, to: 500, label: 'half' },
        { row: 'amount', from: 2000, to: 3000, label: 'after' },
      ],
    });

    // Assess
    expect(attr(svg, 'data-points')).toEqual(['1']);
    const rect = /<rect class="span" x="([^"]+)" y="([^"]+)" width="([^"]+)"/.exec(svg);
    const left = Number(/<line x1="([^"]+)"[^>]*y1="44"/.exec(svg)?.[1]);
    expect(Number(rect?.[1])).toBeCloseTo(left, 0);
    expect(Number(rect?.[2])).toBeGreaterThan(44 + 24);
  });
});

describe('Function: hasData', () => {
  test.each([
    [[{ name: 'a', values: [null, null] }], false],
    [[{ name: 'a', values: [Number.NaN] }], false],
    [[], false],
    [[{ name: 'a', values: [null, 0] }], true],
  ])('%j has data: %s', (series, expected) => {
    expect(hasData(series)).toBe(expected);
  });
});

describe('Function: lineChart titles', () => {
  test('a title too long for the chart wraps onto two lines at a space, the full text staying in <title>', () => {
    // Prepare
    const title =
      'fraud-screening · fraud-precision: error budget burn-down (30d period) and some more words';

    // Act
    const svg = lineChart({ ...BASE, title, series: [{ name: 's', values: [1, 2, 3, 4] }] });

    // Assess
    const tspans = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1] ?? '');
    expect(tspans).toHaveLength(2);
    expect(tspans.join('')).toBe(title);
    expect(svg).toContain(`<title id="m-test-title">${title}</title>`);
  });
});
