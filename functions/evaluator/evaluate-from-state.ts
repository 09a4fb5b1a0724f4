import type { AlertCondition } from '../domain/alerts/alert-transition.ts';
import { noDataCondition, noDataRanges, trafficEvents } from '../domain/alerts/no-data.ts';
import { GRANULARITY_MS } from '../domain/buckets/granularity.ts';
import type { Monitor, TimesliceSloConfig } from '../domain/config/config-types.ts';
import {
  evaluateMonitor,
  measureTimeslice,
  timesliceRange,
  wholeTimeslices,
} from '../domain/evaluation/evaluate-monitor.ts';
import type { PipelineEvaluation } from '../domain/evaluation/evaluation-types.ts';
import { RangeReader } from '../domain/evaluation/range-reader.ts';
import { type PinnedBaseline, pinnedBaselineFromItem, pinnedBaselineKey } from '../store/baseline-store.ts';
import {
  batchGetStateItems,
  itemId,
  type PlainItem,
  type StateReaderDeps,
} from '../store/evaluation-batch-get.ts';
import {
  StoredTimeslices,
  saveTimeslices,
  TIMESLICE_SETTLE_MS,
  type TimesliceToStore,
  timesliceDayKey,
  timesliceDays,
} from '../store/evaluation-timeslices.ts';
import { RecordingWindowSource } from '../store/state-bucket-source.ts';
import { readEvaluatorBuckets } from './evaluator-window-source.ts';

const MINUTE = GRANULARITY_MS['1m'];

export interface ItemsRead {
  /** Counter buckets: the cost invariant's measure (≤ 200, independent of traffic). */
  readonly buckets: number;
  /** Day items of stored timeslice measurements (one per day of the longest timeslice window). */
  readonly timesliceDays: number;
  /** The pinned-baseline item (monitors with drift only). */
  readonly baseline: number;
  readonly total: number;
}

export interface StateEvaluation {
  readonly evaluation: PipelineEvaluation;
  readonly noData: {
    readonly condition: AlertCondition;
    readonly silenceEvents: number;
    readonly referenceEvents: number;
  };
  readonly itemsRead: ItemsRead;
  /** BatchGetItem calls for the buckets. */
  readonly bucketRequests: number;
  /** Slice measurements stored by this evaluation. */
  readonly slicesStored: number;
  readonly pinnedBaseline?: PinnedBaseline;
}

function isTimeslice(slo: Monitor['slos'][number]): slo is TimesliceSloConfig {
  return slo.budgetingMethod === 'timeslices';
}

/** Start of the earliest slice a timeslice SLO reads at `asOf` (its period or a longer rule window). */
function earliestFrom(slo: TimesliceSloConfig, asOf: number): number {
  let from = timesliceRange(slo, slo.periodMs, asOf).from;
  for (const rule of slo.alerting) {
    from = Math.min(
      from,
      timesliceRange(slo, rule.longWindowMs, asOf).from,
      timesliceRange(slo, rule.shortWindowMs, asOf).from,
    );
  }
  return from;
}

/** The monitor with its baseline replaced by the pinned range, when one is pinned. */
function withPinnedBaseline(monitor: Monitor, pinned: PinnedBaseline | undefined): Monitor {
  if (!pinned || !monitor.drift) return monitor;
  return {
    ...monitor,
    drift: { ...monitor.drift, baseline: { kind: 'fixed', fromMs: pinned.from, toMs: pinned.to } },
  };
}

/**
 * Evaluates a monitor as of `asOf` from the State table:
 * 0. one BatchGetItem for the pinned baseline and the stored timeslice days;
 * 1. a recording run of `evaluateMonitor` (plus the "no data" rule's two ranges) lists every range needed;
 * 2. one bulk read of the union of their bucket covers (state-bucket-source.ts);
 * 3. the real run on the cached buckets;
 * 4. slices that have settled ({@link TIMESLICE_SETTLE_MS}) and are not stored yet are measured from the
 *    buckets just read and stored once, so later runs read them from the day items.
 * The items read depend on the configuration and the time of day only: never on traffic. After an outage of
 * the evaluator (or on the first run over existing data) step 4 catches up on every unstored slice of the
 * period once, reading their hour buckets in that one run.
 *
 * @example const { evaluation, itemsRead } = await evaluateFromState(deps, monitor, Date.parse(event.time));
 */
export async function evaluateFromState(
  deps: StateReaderDeps,
  monitor: Monitor,
  asOf: number,
): Promise<StateEvaluation> {
  const to = Math.floor(asOf / MINUTE) * MINUTE;
  const timesliceSlos = monitor.slos.filter(isTimeslice);
  const from = Math.min(to, ...timesliceSlos.map((slo) => earliestFrom(slo, asOf)));
  const days = timesliceSlos.length > 0 ? timesliceDays(from, to) : [];
  const baselineKey = pinnedBaselineKey(monitor.name);
  // The pin only matters to a monitor with drift; one BatchGetItem serves the pin and the slice days.
  const keys = [
    ...(monitor.drift ? [baselineKey] : []),
    ...days.map((d) => timesliceDayKey(monitor.name, d)),
  ];
  const items = keys.length > 0 ? await batchGetStateItems(deps, keys) : new Map<string, PlainItem>();
  const pinned = monitor.drift ? pinnedBaselineFromItem(items.get(itemId(baselineKey))) : undefined;
  const byDay = new Map<number, PlainItem>();
  for (const day of days) {
    const item = items.get(itemId(timesliceDayKey(monitor.name, day)));
    if (item) byDay.set(day, item);
  }
  const stored = new StoredTimeslices(monitor, byDay);
  const effective = withPinnedBaseline(monitor, pinned);

  const recording = new RecordingWindowSource(stored);
  evaluateMonitor(effective, asOf, recording);
  const ranges = noDataRanges(asOf);
  recording.counters(monitor.name, ranges.silence.from, ranges.silence.to);
  recording.counters(monitor.name, ranges.reference.from, ranges.reference.to);

  const read = await readEvaluatorBuckets(deps, monitor.name, recording, stored);
  const source = read.source;
  // One reader for the evaluation and the "no data" ranges: the silence range is the 30-minute window's.
  const reader = new RangeReader(monitor.name, source);
  const evaluation = evaluateMonitor(effective, asOf, source, { counters: false, reader });
  const silenceEvents = trafficEvents(reader.counters(ranges.silence.from, ranges.silence.to));
  const referenceEvents = trafficEvents(reader.counters(ranges.reference.from, ranges.reference.to));

  const toStore: TimesliceToStore[] = [];
  const settledBefore = to - TIMESLICE_SETTLE_MS;
  for (const slo of timesliceSlos) {
    for (const start of wholeTimeslices(slo, earliestFrom(slo, asOf), to)) {
      const end = start + slo.timesliceMs;
      if (end > settledBefore || stored.get(slo, start) || !source.covers(start, end)) continue;
      toStore.push({
        slo,
        start,
        slice: measureTimeslice(monitor, slo, reader.counters(start, end)),
      });
    }
  }
  if (toStore.length > 0) await saveTimeslices(deps, monitor, toStore);

  return {
    evaluation,
    noData: { condition: noDataCondition(silenceEvents, referenceEvents), silenceEvents, referenceEvents },
    itemsRead: {
      buckets: read.itemsRead,
      timesliceDays: days.length,
      baseline: monitor.drift ? 1 : 0,
      total: read.itemsRead + days.length + (monitor.drift ? 1 : 0),
    },
    bucketRequests: read.requests,
    slicesStored: toStore.length,
    ...(pinned ? { pinnedBaseline: pinned } : {}),
  };
}
