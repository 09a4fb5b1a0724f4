import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { freezeBaseline } from '../../functions/evaluator/freeze-baseline.ts';
import {
  DAY,
  decisionTraffic,
  EvaluatorHarness,
  HOUR,
  MINUTE,
  normal,
  type ReceivedAlert,
  rng,
  T0,
} from './evaluator-harness.ts';

const monitor = (name: string) => `
  - name: ${name}
    drift:
      features:
        - { name: amount, kind: numeric }
        - { name: channel, kind: categorical, categories: [email, chat, phone] }
      baseline: { trailing: { length: 7d, offset: 1d } }
      window: 1d
    alerts: { runbookUrl: 'https://runbooks.example.com/${name}', renotifyInterval: 2d }`;
const CONFIG = `version: 1\nmonitors:${monitor('stable-intake')}${monitor('shifted-intake')}\n`;

/** From this day on, the shifted monitor's amounts are e^0.5 ≈ 1.65 times larger. */
const SHIFT = T0 + 10 * DAY;
const STEP = 3 * HOUR;
const PER_STEP = 180;
const CHANNELS = ['email', 'chat', 'chat', 'phone'];

function traffic(name: string, seed: number, shifted: boolean) {
  const random = rng(seed);
  return decisionTraffic({
    monitor: name,
    from: T0,
    to: T0 + 16 * DAY,
    stepMs: STEP,
    perStep: PER_STEP,
    prefix: name,
    make: (_i, t) => {
      const mu = shifted && t >= SHIFT ? 3.5 : 3;
      return {
        predicted: random() < 0.3 ? 'escalate' : 'answer',
        features: {
          amount: Math.round(Math.exp(mu + 0.5 * normal(random)) * 100) / 100,
          channel: CHANNELS[Math.floor(random() * CHANNELS.length)] ?? 'email',
        },
      };
    },
  });
}

describe('Function: evaluate handler (feature drift over a simulated week, on DynamoDB Local and fauxqs)', () => {
  let h: EvaluatorHarness;
  const received: (ReceivedAlert & { at: number })[] = [];
  /** Per run, the stable monitor's drift statuses by feature. */
  const stableStatuses: Record<string, string>[] = [];

  beforeAll(async () => {
    // Prepare: 16 days of decisions for both monitors; the shifted monitor's baseline is frozen on day 8.
    h = await EvaluatorHarness.create(
      { dynamodbEndpoint: inject('dynamodbEndpoint'), fauxqsEndpoint: inject('fauxqsEndpoint') },
      CONFIG,
    );
    await h.load(traffic('stable-intake', 1, false));
    await h.load(traffic('shifted-intake', 2, true));
    const shifted = h.config.monitors.find((m) => m.name === 'shifted-intake');
    if (!shifted) throw new Error('config lost a monitor');
    const pin = await freezeBaseline(
      { client: h.pipeline.doc, tableName: h.stateTable },
      shifted,
      T0 + 8 * DAY + 30 * MINUTE,
    );
    expect(pin).toMatchObject({ from: T0, to: T0 + 7 * DAY });

    // Act: a run every 8 hours for a week.
    for (let at = T0 + 8 * DAY + 30 * MINUTE; at < T0 + 15 * DAY; at += 8 * HOUR) {
      const summary = await h.evaluateAt(at);
      const stable = summary.monitors.find((m) => m.monitor === 'stable-intake');
      if (stable?.ok) {
        stableStatuses.push(
          Object.fromEntries((stable.evaluation.drift?.features ?? []).map((f) => [f.feature, f.status])),
        );
      }
      for (const alert of await h.receive()) received.push({ at, ...alert });
    }
  }, 240_000);

  afterAll(() => h?.destroy());

  test('An unshifted feature distribution raises no alert over a week of runs.', () => {
    // Assess: 21 runs, each judging every feature (enough samples to have alerted), none drifted.
    expect(stableStatuses).toHaveLength(21);
    for (const statuses of stableStatuses) {
      expect(statuses).toMatchObject({ amount: 'ok', channel: 'ok', prediction: 'ok' });
    }
    expect(received.filter((a) => a.body.monitor === 'stable-intake')).toEqual([]);
  });

  test('A shifted feature raises one drift alert naming the feature, method, statistic and threshold.', () => {
    // Assess
    const alerts = received.filter((a) => a.body.monitor === 'shifted-intake');
    const opened = alerts.filter((a) => a.body.state === 'firing' && !a.body.renotification);
    expect(opened).toHaveLength(1);
    expect(alerts.filter((a) => a.body.state === 'resolved')).toEqual([]);
    for (const a of alerts) expect(a.body.incidentStartedAt).toBe(opened[0]?.body.incidentStartedAt);
    const alert = opened[0];
    expect(alert?.at).toBeGreaterThan(SHIFT);
    expect(alert?.at).toBeLessThanOrEqual(SHIFT + DAY);
    expect(alert?.body).toMatchObject({
      kind: 'drift',
      feature: 'amount',
      severity: 'ticket',
      drift: { method: 'wasserstein', threshold: 0.1, baseline: { from: new Date(T0).toISOString() } },
    });
    expect(alert?.body.drift?.statistic).toBeGreaterThan(0.1);
    expect(alert?.subject).toContain('shifted-intake/amount');
    expect(alert?.subject).toContain('wasserstein');
    expect(alert?.body.summary).toMatch(
      /amount drifted from its baseline: wasserstein [\d.]+ >= threshold 0\.1/,
    );
    expect(alert?.attributes).toMatchObject({
      monitor: 'shifted-intake',
      severity: 'ticket',
      state: 'firing',
      kind: 'drift',
    });
  });

  test('Drift messages carry statistics only, never feature values.', () => {
    // Assess
    for (const a of received) {
      const text = `${a.subject}${JSON.stringify(a.body)}`;
      for (const value of ['email', 'chat', 'phone']) expect(text).not.toContain(value);
    }
  });
});
