import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { EvaluationRunSummary } from '../../functions/evaluator/evaluate-monitors.ts';
import {
  decisionTraffic,
  EvaluatorHarness,
  HOUR,
  MINUTE,
  type ReceivedAlert,
  rng,
  T0,
} from './evaluator-harness.ts';

const slo = (name: string, variant: string) => `
      - name: ${name}
        sli: f1
        threshold: 0.8
        objective: 0.9
        timeslice: 1h
        minSliceEvents: 30
        filter: { variant: ${variant} }
        alerting:
          - { severity: ticket, factor: 5, longWindow: 6h, shortWindow: 1h }`;
const CONFIG = `
version: 1
monitors:
  - name: fraud-screening
    positiveLabel: fraud
    slos:${slo('canary-f1', 'canary')}${slo('control-f1', 'control')}
    alerts: { runbookUrl: 'https://runbooks.example.com/fraud-screening' }
`;

const T = T0 + 2 * 24 * HOUR;
/** From here on the canary mislabels a quarter of the decisions; the control keeps 97 % right. */
const DEGRADED = T - 4 * HOUR;

describe('Function: evaluate handler (a degrading canary, on DynamoDB Local and fauxqs)', () => {
  let h: EvaluatorHarness;
  let summary: EvaluationRunSummary;
  let received: ReceivedAlert[];

  beforeAll(async () => {
    // Prepare: 8 hours of labelled decisions, 36 per variant and hour, in 10-minute steps.
    h = await EvaluatorHarness.create(
      { dynamodbEndpoint: inject('dynamodbEndpoint'), fauxqsEndpoint: inject('fauxqsEndpoint') },
      CONFIG,
    );
    const random = rng(7);
    await h.load(
      decisionTraffic({
        monitor: 'fraud-screening',
        from: T - 8 * HOUR,
        to: T,
        stepMs: 10 * MINUTE,
        perStep: 12,
        prefix: 'd',
        make: (i, t) => {
          const variant = i % 2 === 0 ? 'control' : 'canary';
          const actual = random() < 0.3 ? 'fraud' : 'legit';
          const errorRate = variant === 'canary' && t >= DEGRADED ? 0.25 : 0.03;
          const wrong = random() < errorRate;
          return { variant, actual, predicted: wrong === (actual === 'fraud') ? 'legit' : 'fraud' };
        },
      }),
    );

    // Act
    summary = await h.evaluateAt(T + MINUTE);
    received = await h.receive();
  }, 240_000);

  afterAll(() => h?.destroy());

  test('The evaluation shows F1 per variant: the canary dropped below the threshold, the control held.', () => {
    // Assess
    const run = summary.monitors[0];
    if (!run?.ok) throw new Error('the monitor was not evaluated');
    const sixHours = run.evaluation.windows.find((w) => w.window === '6h');
    const canary = sixHours?.qualityByVariant.canary?.binary?.f1 ?? Number.NaN;
    const control = sixHours?.qualityByVariant.control?.binary?.f1 ?? Number.NaN;
    expect(canary).toBeLessThan(0.8);
    expect(control).toBeGreaterThanOrEqual(0.8);
    const slos = Object.fromEntries(run.evaluation.slos.map((s) => [s.name, s]));
    expect(slos['canary-f1']?.firing).toBe('ticket');
    expect(slos['control-f1']?.firing).toBeNull();
    // 6 hourly slices in the long window: the last 4 are the canary's bad hours.
    expect(slos['canary-f1']?.burnRates[0]?.long).toEqual({ good: 2, total: 6 });
    expect(slos['control-f1']?.burnRates[0]?.long).toEqual({ good: 6, total: 6 });
  });

  test("the canary's alert names its variant filter and shows F1 per variant", () => {
    // Assess
    expect(received).toHaveLength(1);
    const alert = received[0];
    expect(alert?.body).toMatchObject({
      monitor: 'fraud-screening',
      slo: 'canary-f1',
      severity: 'ticket',
      state: 'firing',
    });
    expect(alert?.body.sloDetail?.filter).toEqual({ variant: 'canary' });
    const byVariant = alert?.body.sloDetail?.qualityByVariant ?? {};
    expect(byVariant.canary?.f1).toBeLessThan(0.8);
    expect(byVariant.control?.f1).toBeGreaterThanOrEqual(0.8);
    expect(alert?.body.summary).toContain('[variant canary]');
    expect(alert?.body.summary).toMatch(/F1 by variant: canary 0\.\d+, control 0\.\d+/);
  });
});
