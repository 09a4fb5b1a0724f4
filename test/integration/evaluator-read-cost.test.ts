import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Monitor } from '../../functions/domain/config/config-types.ts';
import { type CounterSet, mergeCounters } from '../../functions/domain/counters/counter-set.ts';
import type { CounterDelta } from '../../functions/domain/counters/fold-options.ts';
import { foldOptionsFromMonitor } from '../../functions/domain/counters/fold-options-from-config.ts';
import { evaluateMonitor } from '../../functions/domain/evaluation/evaluate-monitor.ts';
import type { WindowSource } from '../../functions/domain/evaluation/window-source.ts';
import type { EvaluationRunSummary, MonitorRunResult } from '../../functions/evaluator/evaluate-monitors.ts';
import { InMemoryFold } from '../../functions/ingest/in-memory-fold.ts';
import { readSnapshots } from '../../functions/store/evaluation-snapshot-store.ts';
import {
  DAY,
  decisionTraffic,
  EvaluatorHarness,
  HOUR,
  MINUTE,
  normal,
  rng,
  T0,
  taskTraffic,
  type Weighted,
} from './evaluator-harness.ts';

/** The example configuration's first monitor plus a task SLO: every kind of window an evaluation reads. */
const monitor = (name: string) => `
  - name: ${name}
    positiveLabel: escalate
    task: { sla: 5m, timeout: 30m }
    slos:
      - { name: escalation-recall, sli: recall, objective: 0.95 }
      - name: triage-f1
        sli: f1
        threshold: 0.8
        objective: 0.95
        timeslice: 1h
        minSliceEvents: 30
        alerting:
          - { severity: ticket, factor: 3, longWindow: 1d, shortWindow: 2h }
          - { severity: ticket, factor: 1, longWindow: 3d, shortWindow: 6h }
      - { name: completion, sli: completion, objective: 0.99 }
    drift:
      features:
        - { name: message_length, kind: numeric }
        - { name: channel, kind: categorical, categories: [email, chat, phone, social] }
        - { name: customer_tier, kind: categorical, categories: [free, pro, enterprise] }
        - { name: sentiment, kind: numeric, method: wasserstein, threshold: 0.1 }
      baseline: { trailing: { length: 7d, offset: 1d } }
      window: 1d
    alerts: { runbookUrl: 'https://runbooks.example.com/${name}' }`;
const CONFIG = `version: 1\nmonitors:${monitor('low-volume')}${monitor('high-volume')}\n`;

/**
 * About 1 440 decisions and 220 tasks a day, in 3-hour steps (one minute bucket per step keeps loading fast);
 * the high-volume monitor's counts are 7 000 times larger (~10 M a day).
 */
const HIGH_WEIGHT = 7000;
/** Three days of traffic: the drift baseline (7 days ending a day ago) holds two of them. */
const END = T0 + 10 * DAY;
const START = END - 3 * DAY;

function traffic(name: string, weight: number): Weighted[] {
  const random = rng(11);
  const decisions = decisionTraffic({
    monitor: name,
    from: START,
    to: END,
    stepMs: 3 * HOUR,
    perStep: 180,
    prefix: `${name}-d`,
    weight,
    make: (i) => {
      const actual = random() < 0.3 ? 'escalate' : random() < 0.5 ? 'refund' : 'answer';
      const predicted = random() < 0.9 ? actual : 'answer';
      return {
        predicted,
        ...(random() < 0.8 ? { actual } : {}),
        variant: i % 10 === 0 ? 'canary' : 'control',
        confidence: Math.min(1, Math.max(0, 0.7 + 0.1 * normal(random))),
        features: {
          message_length: Math.round(Math.exp(5 + 0.7 * normal(random))),
          channel: ['email', 'chat', 'phone', 'social', 'fax'][Math.floor(random() * 5)] ?? 'email',
          customer_tier: ['free', 'pro', 'enterprise'][Math.floor(random() * 3)] ?? 'free',
          sentiment: normal(random),
        },
      };
    },
  });
  const tasks = taskTraffic({
    monitor: name,
    from: START,
    to: END,
    stepMs: 3 * HOUR,
    tasks: (t) => ({ ok: 27 * weight, failed: (t / HOUR) % 7 === 0 ? weight : 0 }),
    prefix: `${name}-t`,
  });
  return [...decisions, ...tasks];
}

/** The offline reference: the fold's deltas summed per minute, a range being the sum of its minutes. */
function minuteSource(name: string, config: EvaluatorHarness['config'], events: Weighted[]): WindowSource {
  const options = new Map(config.monitors.map((m) => [m.name, foldOptionsFromMonitor(m)]));
  const byMinute = new Map<number, CounterSet>();
  let pending: CounterDelta[] = [];
  const fold = new InMemoryFold(
    (m) => options.get(m),
    (d) => pending.push(d),
  );
  for (const { event, weight } of events) {
    fold.add(event);
    for (const d of pending) {
      const minute = Math.floor(d.time / MINUTE) * MINUTE;
      const set = byMinute.get(minute) ?? new Map<string, number>();
      set.set(d.key, (set.get(d.key) ?? 0) + d.n * weight);
      byMinute.set(minute, set);
    }
    pending = [];
  }
  const minutes = [...byMinute.keys()].sort((a, b) => a - b);
  return {
    counters(monitor, from, to) {
      const out: CounterSet = new Map();
      if (monitor !== name) return out;
      for (const m of minutes) if (m >= from && m < to) mergeCounters(out, byMinute.get(m) ?? new Map());
      return out;
    },
  };
}

/**
 * Where two evaluations differ, as paths; numbers may differ by 1e-12 relative error: the pipeline sums
 * buckets and the reference sums minutes, so histogram bins are merged in another order and distances computed
 * from them may differ in the last bit.
 */
function differences(actual: unknown, expected: unknown, path = '$', out: string[] = []): string[] {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > 1e-12 * Math.max(Math.abs(expected), 1))
      out.push(`${path}: ${actual} ≠ ${expected}`);
    return out;
  }
  if (typeof expected !== 'object' || expected === null || typeof actual !== 'object' || actual === null) {
    if (actual !== expected) out.push(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
    return out;
  }
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  for (const key of keys) {
    differences(
      (actual as Record<string, unknown>)[key],
      (expected as Record<string, unknown>)[key],
      `${path}.${key}`,
      out,
    );
  }
  return out;
}

/** Evaluation times: a warm-up run, then instants spread over the day (leading edges differ with the time). */
const WARM_UP = END - DAY + 7 * MINUTE;
const TIMES = [END - DAY + 6 * HOUR + 59 * MINUTE, END - DAY + 12 * HOUR + 34 * MINUTE, END];

describe('Function: evaluate handler (items read per evaluation, on DynamoDB Local)', () => {
  let h: EvaluatorHarness;
  const runs: { at: number; summary: EvaluationRunSummary }[] = [];
  let warmUp: EvaluationRunSummary;
  const events = new Map<string, Weighted[]>();

  beforeAll(async () => {
    h = await EvaluatorHarness.create(
      { dynamodbEndpoint: inject('dynamodbEndpoint'), fauxqsEndpoint: inject('fauxqsEndpoint') },
      CONFIG,
    );
    events.set('low-volume', traffic('low-volume', 1));
    events.set('high-volume', traffic('high-volume', HIGH_WEIGHT));
    for (const list of events.values()) await h.load(list);
    warmUp = await h.evaluateAt(WARM_UP);
    for (const at of TIMES) runs.push({ at, summary: await h.evaluateAt(at) });
  }, 240_000);

  afterAll(() => h?.destroy());

  const result = (summary: EvaluationRunSummary, name: string): Extract<MonitorRunResult, { ok: true }> => {
    const r = summary.monitors.find((m) => m.monitor === name);
    if (!r?.ok) throw new Error(`${name} was not evaluated`);
    return r;
  };

  test('An evaluation reads at most 200 items per monitor, as many at 10 M events a day as at 1 440.', () => {
    // Assess
    for (const { summary } of runs) {
      const low = result(summary, 'low-volume').itemsRead;
      const high = result(summary, 'high-volume').itemsRead;
      expect(high).toEqual(low);
      expect(low.total).toBeLessThanOrEqual(200);
      expect(low.buckets).toBeGreaterThan(60);
      expect(low.timesliceDays).toBeGreaterThanOrEqual(30);
      expect(low.timesliceDays).toBeLessThanOrEqual(31);
    }
  });

  test('The first run stores the settled timeslices once; later runs read them instead of their hour buckets.', () => {
    // Assess: 30 days of hourly slices, less the last day's, are stored by the warm-up run.
    const first = result(warmUp, 'low-volume');
    expect(first.slicesStored).toBeGreaterThan(600);
    expect(first.itemsRead.buckets).toBeGreaterThan(600);
    for (const { summary } of runs)
      expect(result(summary, 'low-volume').slicesStored).toBeLessThanOrEqual(12);
  });

  test('Every evaluation equals the offline evaluation of the same events summed minute by minute.', () => {
    // Prepare
    const monitors = new Map<string, Monitor>(h.config.monitors.map((m) => [m.name, m]));

    // Act + Assess
    for (const { at, summary } of [{ at: WARM_UP, summary: warmUp }, ...runs]) {
      for (const name of ['low-volume', 'high-volume']) {
        const monitor = monitors.get(name);
        if (!monitor) throw new Error('config lost a monitor');
        // Without the per-window counters listing, which the pipeline does not compute.
        const offline = evaluateMonitor(monitor, at, minuteSource(name, h.config, events.get(name) ?? []), {
          counters: false,
        });
        expect(differences(result(summary, name).evaluation, offline)).toEqual([]);
      }
    }
  });

  test('A snapshot is stored by the runs on 5-minute boundaries and read back by time range.', async () => {
    // Act
    const snapshots = await readSnapshots(
      { client: h.pipeline.doc, tableName: h.stateTable, consistentRead: true },
      'low-volume',
      WARM_UP,
      END + MINUTE,
    );

    // Assess: of 00:07, 06:59, 12:34 and 00:00 only midnight is on a boundary.
    expect(snapshots.map((s) => s.asOf)).toEqual([new Date(END).toISOString()]);
    const last = runs.at(-1)?.summary;
    const evaluation = last ? result(last, 'low-volume').evaluation : undefined;
    expect(snapshots[0]?.slos.map((s) => s.ratio)).toEqual(evaluation?.slos.map((s) => s.ratio));
    expect(snapshots[0]?.drift.map((d) => d.status)).toEqual(
      evaluation?.drift?.features.map((f) => f.status),
    );
  });
});
