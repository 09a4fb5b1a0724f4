import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { MonitorConfig } from '../../functions/domain/config/config-types.ts';
import { EvaluatorHarness, HOUR, MINUTE, type ReceivedAlert, T0, taskTraffic } from './evaluator-harness.ts';

/**
 * The SRE Workbook's worked examples (ch. 5 "Alerting on SLOs", approach 6 and table 5-8: a 99.9% objective
 * over 30 days, page at 14.4× over 1 h / 5 m and 6× over 6 h / 30 m, ticket at 3× over 1 d / 2 h and 1× over
 * 3 d / 6 h) replayed through the real evaluate handler. Every monitor has 40 tasks a minute and three days of
 * clean history; each has its own error pattern from T on.
 */
const monitor = (name: string) => `
  - name: ${name}
    task: { sla: 1m }
    slos:
      - { name: completion, sli: completion, objective: 0.999, minEvents: 50 }
    alerts: { runbookUrl: 'https://runbooks.example.com/${name}', renotifyInterval: 7d }`;
const NAMES = ['fast-burn', 'reset', 'slow-burn', 'at-threshold', 'above-threshold'] as const;
const CONFIG = `version: 1\nmonitors:${NAMES.map(monitor).join('')}\n`;

const T = T0 + 3 * 24 * HOUR;
const minuteIndex = (t: number) => Math.round((t - T) / MINUTE);

/** Failed tasks per minute (out of 40, or `per` when given) from T on, per monitor. */
const FAILURES: Record<
  (typeof NAMES)[number],
  { per?: number; until: number; failed: (m: number) => number }
> = {
  // 1.5 %: 3 failures every 5 minutes, for an hour. Burn 15 > 14.4: 2.08 % of a 30-day budget in an hour.
  'fast-burn': { until: T + HOUR, failed: (m) => ([0, 2, 4].includes(m % 5) ? 1 : 0) },
  // 3 %: 6 failures every 5 minutes, for 40 minutes (burn 30).
  reset: { until: T + 40 * MINUTE, failed: (m) => (m % 5 === 0 ? 2 : 1) },
  // 0.4 % from T on, in 5-minute steps of 200 tasks: 4 failures every 25 minutes (burn 4: above the 3× and
  // 1× tickets, far below the 6× and 14.4× pages).
  'slow-burn': { until: T + 24 * HOUR, failed: (m) => (m % 25 === 0 ? 0 : m % 5 === 0 ? 1 : 0) },
  // Exactly 1.44 % of 125 tasks a minute: 9 failures every 5 minutes (625 tasks), 108 of 7 500 in the hour.
  'at-threshold': { per: 125, until: T + HOUR, failed: (m) => (m % 5 < 4 ? 2 : 1) },
  // The same plus one failed task in the hour's last minute: 109 of 7 500 (1.4533 %).
  'above-threshold': { per: 125, until: T + HOUR, failed: (m) => (m % 5 < 4 ? 2 : 1) + (m === 59 ? 1 : 0) },
};

describe('Function: evaluate handler (the SRE Workbook examples, on DynamoDB Local and fauxqs)', () => {
  let h: EvaluatorHarness;
  const only = (name: string): MonitorConfig => ({
    ...h.config,
    monitors: h.config.monitors.filter((m) => m.name === name),
  });
  const run = async (name: string, at: number): Promise<ReceivedAlert[]> => {
    await h.evaluateAt(at, { config: only(name) });
    return h.receive();
  };

  beforeAll(async () => {
    h = await EvaluatorHarness.create(
      { dynamodbEndpoint: inject('dynamodbEndpoint'), fauxqsEndpoint: inject('fauxqsEndpoint') },
      CONFIG,
    );
    for (const name of NAMES) {
      const f = FAILURES[name];
      const per = f.per ?? 40;
      await h.load(
        taskTraffic({
          monitor: name,
          from: T - 3 * 24 * HOUR,
          to: T - 2 * HOUR,
          stepMs: HOUR,
          tasks: () => ({ ok: per * 60, failed: 0 }),
          prefix: 'history',
        }),
      );
      const step = name === 'slow-burn' ? 5 * MINUTE : MINUTE;
      await h.load(
        taskTraffic({
          monitor: name,
          from: T - 2 * HOUR,
          to: f.until + 2 * HOUR,
          stepMs: step,
          tasks: (t) => {
            const total = (per * step) / MINUTE;
            const failed = t >= T && t < f.until ? f.failed(minuteIndex(t)) : 0;
            return { ok: total - failed, failed };
          },
          prefix: 'live',
        }),
      );
    }
  }, 240_000);

  afterAll(() => h?.destroy());

  test('A burn that spends 2 % of the budget in an hour pages once the 1-hour window holds it.', async () => {
    // Act
    const halfway = await run('fast-burn', T + 30 * MINUTE);
    const hour = await run('fast-burn', T + HOUR);

    // Assess: half an hour in, the 1-hour burn is 7.5; after the hour it is 15 over both windows.
    expect(halfway).toEqual([]);
    expect(hour).toHaveLength(1);
    const page = hour[0]?.body;
    expect(page).toMatchObject({
      monitor: 'fast-burn',
      slo: 'completion',
      severity: 'page',
      state: 'firing',
    });
    expect(page?.sloDetail?.burnRates['1h']).toBeCloseTo(15, 9);
    expect(page?.sloDetail?.burnRates['5m']).toBeCloseTo(15, 9);
    const rule = page?.sloDetail?.rules.find((r) => r.longWindow === '1h');
    expect(rule).toMatchObject({ factor: 14.4, status: 'firing', long: { good: 2364, total: 2400 } });
    expect(page?.window).toMatchObject({ length: '1h', to: new Date(T + HOUR).toISOString() });
  });

  test('A page resolves when its 5-minute short window is clean, though the 1-hour window still burns.', async () => {
    // Act
    const firing = await run('reset', T + 40 * MINUTE);
    const after = await run('reset', T + 46 * MINUTE);

    // Assess
    expect(firing.map((a) => [a.body.severity, a.body.state])).toEqual([['page', 'firing']]);
    expect(after.map((a) => [a.body.severity, a.body.state])).toEqual([['page', 'resolved']]);
    const rule = after[0]?.body.sloDetail?.rules.find((r) => r.longWindow === '1h');
    expect(rule?.longBurnRate).toBeCloseTo(20, 9);
    expect(rule?.shortBurnRate).toBe(0);
    expect(after[0]?.body.incidentStartedAt).toBe(new Date(T + 40 * MINUTE).toISOString());
  });

  test('A slow burn opens one ticket and never pages.', async () => {
    // Act
    const received: ReceivedAlert[][] = [];
    for (const at of [T + HOUR, T + 6 * HOUR, T + 12 * HOUR, T + 20 * HOUR, T + 21 * HOUR]) {
      received.push(await run('slow-burn', at));
    }

    // Assess
    const all = received.flat();
    expect(all.filter((a) => a.body.severity === 'page')).toEqual([]);
    expect(received.slice(0, 3).flat()).toEqual([]);
    expect(all.map((a) => [a.body.severity, a.body.state])).toEqual([['ticket', 'firing']]);
    const rules = all[0]?.body.sloDetail?.rules ?? [];
    // At T + 20 h the 1-day window holds 20 h at 0.4 % and 4 clean hours: 192 failures of 57 600, burn 10/3.
    const day = rules.find((r) => r.longWindow === '1d');
    expect(day?.status).toBe('firing');
    expect(day?.longBurnRate).toBeCloseTo(10 / 3, 9);
    expect(all[0]?.body.evaluatedAt).toBe(new Date(T + 20 * HOUR).toISOString());
  });

  test('An error ratio of exactly 1.44 % at 99.9 % (burn 14.4) does not page; one more failure does.', async () => {
    // Act
    const at = await run('at-threshold', T + HOUR);
    const above = await run('above-threshold', T + HOUR);

    // Assess
    expect(at).toEqual([]);
    expect(above.map((a) => [a.body.severity, a.body.state])).toEqual([['page', 'firing']]);
    expect(above[0]?.body.sloDetail?.burnRates['1h']).toBeCloseTo(14.5333, 3);
  });
});
