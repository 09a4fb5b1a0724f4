import { coverRange } from '../../../functions/domain/buckets/cover-window.ts';
import { type BucketRef, bucketId } from '../../../functions/domain/buckets/granularity.ts';
import { counterKey, COUNTER_KINDS as K } from '../../../functions/domain/counters/counter-key.ts';
import { addCounter, type CounterSet } from '../../../functions/domain/counters/counter-set.ts';
import { fnv1a } from '../../../functions/domain/counters/feature-value-key.ts';
import { splitCounters } from '../../../functions/domain/evaluation/counter-part.ts';
import type { WindowSource } from '../../../functions/domain/evaluation/window-source.ts';
import { binIndex, binKey } from '../../../functions/domain/histogram/log-buckets.ts';
import { SeededRandom } from '../../../functions/offline/random.ts';

/**
 * Synthetic bucket counters for comparing the ways an evaluation can read them: each bucket's counters are
 * a pure function of the seed and the bucket, shaped like the fold's (a decision adds its decision,
 * prediction, confidence and feature counters, a labelled one its label and confusion cell, a task its
 * start, outcome and latency), so any window is consistent. Counters are listed in a different order in
 * every bucket, as items read from a store may be.
 */
export function randomBucket(seed: number, ref: BucketRef): CounterSet | undefined {
  const rnd = new SeededRandom(fnv1a(`${seed}|${bucketId(ref)}`));
  if (rnd.next() < 0.15) return undefined;
  const entries: [string, number][] = [];
  const add = (key: string, n = 1) => entries.push([key, n]);
  // Coarser buckets hold more traffic, so day-long baselines have enough values for every drift method.
  const scale = { '1m': 1, '10m': 3, '1h': 10, '1d': 60 }[ref.granularity];
  const decisions = (1 + Math.floor(rnd.next() * 6)) * scale;
  for (let i = 0; i < decisions; i++) {
    const task = rnd.pick(['main', 'follow-up']);
    const variant = rnd.pick(['control', 'control', 'canary']);
    const actual = rnd.pick(['escalate', 'resolve', 'reply']);
    const predicted = rnd.next() < 0.7 ? actual : rnd.pick(['escalate', 'resolve', 'reply']);
    add(counterKey(K.decisions, task, variant));
    add(counterKey(K.predicted, predicted));
    add(counterKey(K.confidence, String(Math.floor(rnd.next() * 20))));
    if (rnd.next() < 0.1) add(counterKey(K.missingFeature, 'amount'));
    else add(counterKey(K.numericFeature, 'amount', binKey(binIndex(rnd.logNormal(100, 1)))));
    add(counterKey(K.categoricalFeature, 'channel', rnd.pick(['email', 'chat', 'other'])));
    if (rnd.next() < 0.8) {
      add(counterKey(K.labelled, task, variant));
      add(counterKey(K.confusion, task, variant, actual, predicted));
    }
  }
  const tasks = Math.floor(rnd.next() * 4) * scale;
  for (let i = 0; i < tasks; i++) {
    const task = rnd.pick(['main', 'follow-up']);
    add(counterKey(K.tasksStarted, task));
    const r = rnd.next();
    if (r < 0.5) {
      add(counterKey(K.taskOutcome, task, 'completedWithinSla'));
      add(counterKey(K.taskLatency, task, binKey(binIndex(rnd.logNormal(60_000, 1)))));
    } else if (r < 0.6) {
      add(counterKey(K.taskOutcome, task, 'completedLate'));
      add(counterKey(K.taskLatency, task, binKey(binIndex(rnd.logNormal(900_000, 0.5)))));
    } else if (r < 0.75) add(counterKey(K.taskOutcome, task, rnd.pick(['failed', 'handedOff'])));
  }
  // A kind this version does not know, now and then, as a newer writer would add.
  if (rnd.next() < 0.1) add('future\u001fkind');
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(rnd.next() * (i + 1));
    [entries[i], entries[j]] = [entries[j] as [string, number], entries[i] as [string, number]];
  }
  const out: CounterSet = new Map();
  for (const [key, n] of entries) addCounter(out, key, n);
  return out;
}

/** The plain sum of a range's cover, bucket by bucket: the reference every faster reading must equal. */
export function coverSum(seed: number, from: number, to: number): CounterSet {
  const out: CounterSet = new Map();
  if (from >= to) return out;
  for (const ref of coverRange(from, to))
    for (const [key, n] of randomBucket(seed, ref) ?? []) addCounter(out, key, n);
  return out;
}

/** A source that only answers range sums (as the offline evaluator does). */
export function rangeSumSource(seed: number): WindowSource {
  return { counters: (_monitor, from, to) => coverSum(seed, from, to) };
}

/** A source that also hands out buckets (as the pipeline's evaluator does). */
export function bucketSource(seed: number): WindowSource {
  return {
    counters: (_monitor, from, to) => coverSum(seed, from, to),
    bucket: (_monitor, ref) => randomBucket(seed, ref),
  };
}

/** A source that hands out buckets split into core and feature counters (as the pipeline's reader does). */
export function splitBucketSource(seed: number): WindowSource {
  return {
    counters: (_monitor, from, to) => coverSum(seed, from, to),
    bucket: (_monitor, ref) => {
      const bucket = randomBucket(seed, ref);
      return bucket && splitCounters(bucket);
    },
  };
}
