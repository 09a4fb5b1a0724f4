import { afterAll, describe, expect, inject, test } from 'vitest';
import {
  EvaluatorHarness,
  HOUR,
  MINUTE,
  type ReceivedAlert,
  T0,
  taskEvents,
  taskTraffic,
} from './evaluator-harness.ts';

const CONFIG = `
version: 1
monitors:
  - name: checkout-agent
    task: { sla: 1m }
    slos:
      - { name: checkout-completion, sli: completion, objective: 0.999, minEvents: 50 }
    alerts:
      runbookUrl: https://runbooks.example.com/checkout-agent
      dashboardUrl: https://dashboards.example.com/checkout-agent
`;

const MONITOR = 'checkout-agent';
/** The outage starts here and lasts 30 minutes; traffic is 40 tasks a minute. */
const T = T0 + 3 * 24 * HOUR + 10 * HOUR;
const OUTAGE_END = T + 30 * MINUTE;
const inOutage = (t: number) => t >= T && t < OUTAGE_END;

describe('Function: evaluate handler (a full outage, on DynamoDB Local and fauxqs)', () => {
  const harnesses: EvaluatorHarness[] = [];
  afterAll(() => {
    for (const h of harnesses) h.destroy();
  });

  test('A full outage starting at T pages within two evaluation periods, resolves after it ends, and pages once.', async () => {
    // Prepare: three days of clean history (hourly steps) and the live hours (minute steps) through the
    // aggregator's bucket writer, plus 2 tasks a minute around T through the real ingest → stream → aggregate path.
    const h = await EvaluatorHarness.create(
      { dynamodbEndpoint: inject('dynamodbEndpoint'), fauxqsEndpoint: inject('fauxqsEndpoint') },
      CONFIG,
    );
    harnesses.push(h);
    await h.load(
      taskTraffic({
        monitor: MONITOR,
        from: T - 3 * 24 * HOUR,
        to: T - 2 * HOUR,
        stepMs: HOUR,
        tasks: () => ({ ok: 40 * 60, failed: 0 }),
        prefix: 'history',
      }),
    );
    await h.load(
      taskTraffic({
        monitor: MONITOR,
        from: T - 2 * HOUR,
        to: T + 2 * HOUR,
        // 40 a minute; 2 of them come through the API around T.
        tasks: (t) => {
          const n = t >= T - 5 * MINUTE && t < T + 5 * MINUTE ? 38 : 40;
          return inOutage(t) ? { ok: 0, failed: n } : { ok: n, failed: 0 };
        },
        prefix: 'live',
      }),
    );
    await h.ingest(
      taskEvents({
        monitor: MONITOR,
        from: T - 5 * MINUTE,
        to: T + 5 * MINUTE,
        perMinute: 2,
        fails: inOutage,
        prefix: 'api',
      }),
    );
    const times = [
      T - MINUTE,
      T + MINUTE,
      T + 2 * MINUTE,
      T + 5 * MINUTE,
      T + 20 * MINUTE,
      T + 35 * MINUTE,
      T + 55 * MINUTE,
    ].concat([T + 61 * MINUTE, T + 65 * MINUTE, T + 80 * MINUTE]);

    // Act
    const received: (ReceivedAlert & { at: number })[] = [];
    for (const at of times) {
      await h.evaluateAt(at);
      for (const alert of await h.receive()) received.push({ at, ...alert });
    }

    // Assess
    const pages = received.filter((a) => a.body.severity === 'page');
    const firing = pages.filter((p) => p.body.state === 'firing');
    const resolved = pages.filter((p) => p.body.state === 'resolved');
    expect(firing).toHaveLength(1);
    expect(resolved).toHaveLength(1);
    expect(firing[0]?.at).toBeLessThanOrEqual(T + 2 * MINUTE);
    expect(resolved[0]?.at).toBeGreaterThan(OUTAGE_END);
    expect(firing[0]?.body).toMatchObject({
      monitor: MONITOR,
      kind: 'slo',
      slo: 'checkout-completion',
      state: 'firing',
      renotification: false,
      runbook: 'https://runbooks.example.com/checkout-agent',
      dashboard: 'https://dashboards.example.com/checkout-agent',
    });
    // One minute of a full outage: 1 of 5 minutes (burn 1000 × 1/5) and 1 of 60 (1000 / 60 > 14.4).
    expect(firing[0]?.body.sloDetail?.burnRates['5m']).toBeCloseTo(200, 9);
    expect(firing[0]?.body.sloDetail?.burnRates['1h']).toBeCloseTo(1000 / 60, 9);
    expect(firing[0]?.attributes).toMatchObject({ monitor: MONITOR, severity: 'page', state: 'firing' });
    expect(resolved[0]?.body.incidentStartedAt).toBe(firing[0]?.body.incidentStartedAt);
    expect(resolved[0]?.attributes.state).toBe('resolved');
    // The slow-burn ticket the outage also trips is suppressed while the page fires, and sent at most once.
    const tickets = received.filter((a) => a.body.severity === 'ticket' && a.body.state === 'firing');
    expect(tickets.length).toBeLessThanOrEqual(1);
    for (const ticket of tickets) expect(ticket.at).toBeGreaterThanOrEqual(resolved[0]?.at ?? 0);
  }, 240_000);
});
