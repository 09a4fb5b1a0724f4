import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { EvaluationSnapshot } from '../../../functions/evaluator/evaluation-snapshot.ts';
import {
  type DashboardData,
  type MonitorPanel,
  seriesPoint,
  thinSeries,
} from '../../../functions/local/dashboard-data.ts';
import { renderDashboardPage } from '../../../functions/local/dashboard-page.ts';
import { lineChart } from '../../../functions/local/svg-chart.ts';

const T = Date.UTC(2026, 10, 20, 10);

const SNAPSHOT: EvaluationSnapshot = {
  monitor: 'fraud-screening',
  asOf: new Date(T).toISOString(),
  headlineWindow: '1h',
  slos: [
    {
      name: 'fraud-precision',
      sli: 'precision',
      ratio: 0.95,
      good: 95,
      total: 100,
      budgetConsumed: 0.5,
      budgetRemaining: 0.5,
      firing: null,
      burnRates: { '6h': 0.4, '30m': 0.2 },
    },
  ],
  windows: [
    {
      window: '30m',
      decisions: 10,
      coverage: 0.5,
      quality: { labelled: 5, precision: 0.1, recall: 0.1, f1: 0.1, accuracy: 0.1 },
      completion: null,
      tasks: 0,
      latencyP95Ms: null,
    },
    {
      window: '1h',
      decisions: 40,
      coverage: 0.9,
      quality: { labelled: 36, precision: 0.9, recall: 0.75, f1: 0.818, accuracy: 0.95 },
      completion: 0.98,
      tasks: 50,
      latencyP95Ms: 120_000,
    },
  ],
  variants: {
    control: { labelled: 30, precision: 0.9, recall: 0.8, f1: 0.85, accuracy: 0.9 },
    canary: { labelled: 6, precision: 0.5, recall: 0.5, f1: 0.5, accuracy: 0.6 },
  },
  tasks: {},
  drift: [
    { feature: 'amount', method: 'ks', statistic: 0.24, threshold: 0.12, status: 'drifted' },
    {
      feature: 'country',
      method: 'chi_square',
      statistic: null,
      threshold: 0.1,
      status: 'insufficient_data',
    },
  ],
};

describe('Function: seriesPoint', () => {
  test('the point holds the headline window’s numbers, each variant’s F1, budgets and drift over threshold', () => {
    // Act
    const point = seriesPoint(SNAPSHOT);

    // Assess
    expect(point).toEqual({
      t: T,
      precision: 0.9,
      recall: 0.75,
      f1: 0.818,
      variantF1: { control: 0.85, canary: 0.5 },
      completion: 0.98,
      budgetRemaining: { 'fraud-precision': 0.5 },
      driftRatio: { amount: 2, country: null },
    });
  });

  test('a headline window without tasks has no completion', () => {
    // Prepare
    const windows = SNAPSHOT.windows.map((w) => ({ ...w, tasks: 0, completion: null }));

    // Act & Assess
    expect(seriesPoint({ ...SNAPSHOT, windows }).completion).toBeNull();
  });
});

describe('Function: thinSeries', () => {
  test('a series within the limit is kept whole', () => {
    // Prepare
    const points = [{ t: 1 }, { t: 2 }, { t: 3 }];

    // Act & Assess
    expect(thinSeries(points, 3)).toEqual(points);
  });

  test('for any series, the thinned one is at most the limit, in order, a subset, with the first and last points', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 2000 }),
        fc.integer({ min: 2, max: 400 }),
        (times, max) => {
          // Prepare
          const points = [...times].sort((a, b) => a - b).map((t) => ({ t }));

          // Act
          const thinned = thinSeries(points, max);

          // Assess
          const set = new Set(points);
          return (
            thinned.length <= Math.max(max, 1) + 1 &&
            thinned.length <= points.length &&
            thinned.every((p, i) => set.has(p) && (i === 0 || (thinned[i - 1]?.t ?? -1) < p.t)) &&
            thinned[0] === points[0] &&
            thinned.at(-1) === points.at(-1)
          );
        },
      ),
    );
  });
});

describe('Function: lineChart', () => {
  test('a null value breaks the line, and each value between two gaps is drawn as a dot', () => {
    // Act
    const svg = lineChart({
      title: 'F1',
      times: [T, T + 1, T + 2, T + 3, T + 4, T + 5],
      series: [{ name: 'f1', color: '#123456', values: [0.5, 0.6, null, 0.7, null, 0.9] }],
      yMin: 0,
      yMax: 1,
    });
    const path = /<path d="([^"]+)" fill="none" stroke="#123456"/.exec(svg)?.[1] ?? '';

    // Assess
    const segments = path.split('M').filter((p) => p !== '');
    expect(segments).toHaveLength(3);
    expect(segments.filter((p) => p.includes('L'))).toHaveLength(1);
    expect(svg.match(/<circle [^>]*fill="#123456"/g)).toHaveLength(2);
  });

  test('text is escaped', () => {
    // Act
    const svg = lineChart({
      title: '<b>"x"</b>',
      times: [T],
      series: [{ name: 'a&b', color: '#000', values: [1] }],
    });

    // Assess
    expect(svg).toContain('&lt;b&gt;&quot;x&quot;&lt;/b&gt;');
    expect(svg).toContain('a&amp;b');
    expect(svg).not.toContain('<b>');
  });
});

function panel(overrides: Partial<MonitorPanel> = {}): MonitorPanel {
  return {
    name: 'fraud-screening',
    description: 'Screens <script>alert(1)</script> payments',
    positiveLabel: 'fraud',
    evaluatedAt: SNAPSHOT.asOf,
    headlineWindow: '1h',
    quality: SNAPSHOT.windows[1]?.quality ?? null,
    variants: SNAPSHOT.variants,
    completion: null,
    slos: SNAPSHOT.slos,
    drift: SNAPSHOT.drift,
    openAlerts: [{ kind: 'drift', subject: 'amount', severity: 'ticket', firingSince: SNAPSHOT.asOf }],
    recentAlerts: [
      { kind: 'drift', subject: 'amount', severity: 'ticket', firedAt: SNAPSHOT.asOf, resolvedAt: null },
    ],
    objectives: { 'fraud-precision': 0.9 },
    series: [seriesPoint(SNAPSHOT), { ...seriesPoint(SNAPSHOT), t: T + 3_600_000, f1: 0.7 }],
    ...overrides,
  };
}

const data = (monitors: MonitorPanel[]): DashboardData => ({
  generatedAt: SNAPSHOT.asOf,
  asOf: SNAPSHOT.asOf,
  configPath: 'config/<x>.yaml',
  historyMs: 86_400_000,
  monitors,
});

describe('Function: renderDashboardPage', () => {
  test('every monitor gets a section with its numbers, its open alerts, its drift table and charts', () => {
    // Act
    const html = renderDashboardPage(data([panel(), panel({ name: 'support-triage', openAlerts: [] })]), {
      refreshSeconds: 10,
    });

    // Assess
    expect(html.match(/<section class="monitor" data-monitor="([^"]+)"/g)).toEqual([
      '<section class="monitor" data-monitor="fraud-screening"',
      '<section class="monitor" data-monitor="support-triage"',
    ]);
    expect(html).toContain('TICKET amount');
    expect(html).toContain('no open alerts');
    expect(html).toContain('<div class="kpi-value">0.818</div>');
    expect(html).toContain('F1 canary');
    expect(html).toContain('<svg');
    expect(html).toContain('setTimeout(swap,ms)');
  });

  test('text from the configuration is HTML-escaped', () => {
    // Act
    const html = renderDashboardPage(data([panel()]), { refreshSeconds: 0 });

    // Assess
    expect(html).toContain('Screens &lt;script&gt;alert(1)&lt;/script&gt; payments');
    expect(html).toContain('config/&lt;x&gt;.yaml');
    expect(html).not.toContain('<script>');
  });

  test('a monitor not evaluated yet says it is waiting and draws no chart', () => {
    // Act
    const html = renderDashboardPage(
      data([
        panel({
          evaluatedAt: null,
          quality: null,
          slos: [],
          drift: [],
          series: [],
          openAlerts: [],
          recentAlerts: [],
        }),
      ]),
      { refreshSeconds: 0 },
    );

    // Assess
    expect(html).toContain('waiting');
    expect(html).toContain('No evaluation stored yet');
    expect(html).not.toContain('<svg');
  });
});
