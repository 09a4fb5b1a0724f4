import { bucketId, bucketStart, GRANULARITIES } from '../domain/buckets/granularity.ts';
import type { CounterSet } from '../domain/counters/counter-set.ts';
import { decisionDeltas } from '../domain/counters/decision-deltas.ts';
import type { CounterDelta, FoldOptions } from '../domain/counters/fold-options.ts';
import { taskDeltas } from '../domain/counters/task-deltas.ts';
import type { DriftwatchEvent } from '../domain/events/event-schema.ts';
import {
  type DecisionRecord,
  type MergeOutcome,
  mergeIntoDecisionRecord,
} from '../domain/pairing/decision-record.ts';
import { mergeIntoTaskRecord, type TaskRecord } from '../domain/pairing/task-record.ts';

/**
 * The pipeline's fold without DynamoDB: events are merged into their decision or task record in arrival order
 * (first event of each slot wins, re-sent events are duplicates) and every accepted change adds the same
 * counter deltas the aggregate function adds. The offline evaluator folds a JSONL file with it, and the
 * integration tests use it as the reference the DynamoDB pipeline must equal. Pure; O(1) per event plus
 * O(features) per decision; memory O(records).
 */
export class InMemoryFold {
  readonly #decisions = new Map<string, DecisionRecord>();
  readonly #tasks = new Map<string, TaskRecord>();
  readonly #foldOptionsFor: (monitor: string) => FoldOptions | undefined;
  readonly #onDelta: (delta: CounterDelta) => void;

  constructor(
    foldOptionsFor: (monitor: string) => FoldOptions | undefined,
    onDelta: (delta: CounterDelta) => void,
  ) {
    this.#foldOptionsFor = foldOptionsFor;
    this.#onDelta = onDelta;
  }

  /** Applies one valid event; returns what the ingest API would answer for it. */
  add(event: DriftwatchEvent): MergeOutcome {
    const options = this.#foldOptionsFor(event.monitor);
    if (event.type === 'task') {
      const key = `${event.monitor}\u0000${event.taskId}`;
      const before = this.#tasks.get(key);
      const { record, outcome } = mergeIntoTaskRecord(before, event);
      if (outcome.kind === 'accepted') {
        this.#tasks.set(key, record);
        if (options) for (const d of taskDeltas(before, record, options)) this.#onDelta(d);
      }
      return outcome;
    }
    const key = `${event.monitor}\u0000${event.type === 'decision' ? event.id : event.decisionId}`;
    const before = this.#decisions.get(key);
    const { record, outcome } = mergeIntoDecisionRecord(before, event);
    if (outcome.kind === 'accepted') {
      this.#decisions.set(key, record);
      if (options) for (const d of decisionDeltas(before, record, options)) this.#onDelta(d);
    }
    return outcome;
  }
}

/** Bucket counters per monitor: monitor → bucketId → counters, for all four granularities. */
export type BucketCounters = Map<string, Map<string, CounterSet>>;

/**
 * Folds a list of valid events (in arrival order) into bucket counters at every granularity.
 * O(events × features × 4).
 */
export function foldEventsIntoBuckets(
  events: Iterable<DriftwatchEvent>,
  foldOptionsFor: (monitor: string) => FoldOptions | undefined,
): { buckets: BucketCounters; outcomes: MergeOutcome[] } {
  const buckets: BucketCounters = new Map();
  const fold = new InMemoryFold(foldOptionsFor, (delta) => {
    let byBucket = buckets.get(delta.monitor);
    if (!byBucket) {
      byBucket = new Map();
      buckets.set(delta.monitor, byBucket);
    }
    for (const granularity of GRANULARITIES) {
      const id = bucketId({ granularity, start: bucketStart(delta.time, granularity) });
      let set = byBucket.get(id);
      if (!set) {
        set = new Map();
        byBucket.set(id, set);
      }
      set.set(delta.key, (set.get(delta.key) ?? 0) + delta.n);
    }
  });
  const outcomes: MergeOutcome[] = [];
  for (const event of events) outcomes.push(fold.add(event));
  return { buckets, outcomes };
}
