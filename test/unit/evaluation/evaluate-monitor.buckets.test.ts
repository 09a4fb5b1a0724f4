import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { effectiveWindow } from '../../../functions/domain/buckets/cover-window.ts';
import type { Monitor } from '../../../functions/domain/config/config-types.ts';
import { parseConfig } from '../../../functions/domain/config/load-config.ts';
import { countersToRecord } from '../../../functions/domain/counters/counter-set.ts';
import { evaluateMonitor } from '../../../functions/domain/evaluation/evaluate-monitor.ts';
import { RangeReader } from '../../../functions/domain/evaluation/range-reader.ts';
import { bucketSource, coverSum, rangeSumSource, splitBucketSource } from './random-buckets.ts';

/**
 * The pipeline's way of reading (each bucket decoded once, ranges added up from decoded buckets) against
 * the plain one (every range's summed counters decoded on their own): the evaluations must be identical,
 * number for number, on counters that differ in every bucket and list their keys in a different order.
 */
const MINUTE = 60_000;
const AROUND = Date.UTC(2026, 10, 20, 12, 0);

const monitor: Monitor = (() => {
  const { config } = parseConfig(
    `version: 1
monitors:
  - name: triage
    positiveLabel: escalate
    task: { sla: 10m, timeout: 30m }
    slos:
      - { name: recall, sli: recall, objective: 0.95, period: 7d }
      - { name: completion, sli: completion, objective: 0.99, period: 7d }
      - { name: latency, sli: latency, threshold: 5m, objective: 0.9, period: 7d }
      - name: f1
        sli: f1
        threshold: 0.6
        objective: 0.9
        timeslice: 1h
        period: 7d
        minSliceEvents: 3
        alerting:
          - { severity: ticket, factor: 2, longWindow: 1d, shortWindow: 2h }
    drift:
      features:
        - { name: amount, kind: numeric, method: wasserstein }
        - { name: channel, kind: categorical, categories: [email, chat] }
      includePrediction: true
      baseline: { trailing: { length: 2d, offset: 1d } }
      window: 6h
      minSamples: 20
    alerts: { runbookUrl: https://runbooks.example.com/triage }
`,
    'test.yaml',
  );
  const m = config.monitors[0];
  if (!m) throw new Error('no monitor');
  return m;
})();

const asOfs = fc.integer({ min: -26 * 60, max: 26 * 60 }).map((m) => AROUND + m * MINUTE + 17_000);

describe('Function: evaluateMonitor, reading buckets', () => {
  test('It evaluates exactly as from range sums, counters listing included.', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), asOfs, (seed, asOf) => {
        // Act
        const viaBuckets = evaluateMonitor(monitor, asOf, bucketSource(seed));
        const viaSums = evaluateMonitor(monitor, asOf, rangeSumSource(seed));

        // Assess
        expect(viaBuckets).toStrictEqual(viaSums);
        for (const w of viaBuckets.windows) {
          const { from, to } = effectiveWindow(asOf, w.windowMs);
          expect(w.counters).toStrictEqual(countersToRecord(coverSum(seed, from, to)));
        }
      }),
      { numRuns: 12 },
    );
  });

  test('Buckets split into core and feature counters evaluate exactly as whole ones.', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), asOfs, (seed, asOf) => {
        // Act
        const viaSplit = evaluateMonitor(monitor, asOf, splitBucketSource(seed));
        const viaSums = evaluateMonitor(monitor, asOf, rangeSumSource(seed));

        // Assess
        expect(viaSplit).toStrictEqual(viaSums);
      }),
      { numRuns: 8 },
    );
  });

  test('Without the counters listing, every other number is the same.', () => {
    // Prepare
    const asOf = AROUND + 7 * MINUTE;

    // Act
    const full = evaluateMonitor(monitor, asOf, bucketSource(42));
    const lean = evaluateMonitor(monitor, asOf, bucketSource(42), { counters: false });

    // Assess
    expect(lean.windows.every((w) => !('counters' in w))).toBe(true);
    expect(lean).toStrictEqual({
      ...full,
      windows: full.windows.map(({ counters: _listing, ...rest }) => rest),
    });
  });

  test('A reader handed in is the one read through, so the caller can read more ranges from it.', () => {
    // Prepare
    const asOf = AROUND + 7 * MINUTE;
    let bucketsAsked = 0;
    const inner = bucketSource(5);
    const source = {
      counters: inner.counters,
      bucket: (m: string, ref: Parameters<NonNullable<typeof inner.bucket>>[1]) => {
        bucketsAsked++;
        return inner.bucket?.(m, ref);
      },
    };
    const reader = new RangeReader(monitor.name, source);
    const thirtyMinutes = effectiveWindow(asOf, 30 * MINUTE);

    // Act
    evaluateMonitor(monitor, asOf, source, { counters: false, reader });
    const asked = bucketsAsked;
    const silence = reader.counters(thirtyMinutes.from, thirtyMinutes.to);

    // Assess: the 30-minute window was read by the evaluation, so nothing more is asked for it.
    expect(bucketsAsked).toBe(asked);
    expect(silence).toEqual(coverSum(5, thirtyMinutes.from, thirtyMinutes.to));
  });
});
