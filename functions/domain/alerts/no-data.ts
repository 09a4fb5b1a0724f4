import { GRANULARITY_MS } from '../buckets/granularity.ts';
import { COUNTER_KINDS as K, SEPARATOR } from '../counters/counter-key.ts';
import { InvalidAlertInputError } from './alert-errors.ts';
import type { AlertCondition } from './alert-transition.ts';

/** A monitor is silent when it sent no decision and started no task in this long. */
export const NO_DATA_SILENCE_MS = 30 * 60_000;

/**
 * …while the same half hour one day earlier held at least this many events. If traffic now follows
 * yesterday's rate at this time of day, the chance of 30 silent minutes is the Poisson probability of zero
 * events, e^−10 ≈ 4.5·10⁻⁵: a lull is not mistaken for an outage. Comparing with the same time of day (not
 * the daily average) keeps quiet nights of a busy daytime agent from alerting.
 */
export const NO_DATA_MIN_REFERENCE_EVENTS = 10;

const DAY = GRANULARITY_MS['1d'];
const TEN_MINUTES = GRANULARITY_MS['10m'];
const MINUTE = GRANULARITY_MS['1m'];

export interface NoDataRanges {
  /** The last {@link NO_DATA_SILENCE_MS} before the evaluation, [from, to). */
  readonly silence: { readonly from: number; readonly to: number };
  /** The same length one day earlier, on 10-minute boundaries (three 10-minute buckets). */
  readonly reference: { readonly from: number; readonly to: number };
}

/**
 * The two ranges the "no data" rule compares at `asOf`. The reference is aligned to 10-minute buckets so it
 * costs three bucket reads.
 *
 * Complexity: O(1).
 * @throws {InvalidAlertInputError} for a non-finite time.
 * @example noDataRanges(Date.UTC(2026, 0, 2, 10, 7)).reference.to // Date.UTC(2026, 0, 1, 10, 0)
 */
export function noDataRanges(asOf: number): NoDataRanges {
  if (!Number.isFinite(asOf))
    throw new InvalidAlertInputError(`evaluation time must be finite (got ${asOf})`);
  const to = Math.floor(asOf / MINUTE) * MINUTE;
  const referenceTo = Math.floor(to / TEN_MINUTES) * TEN_MINUTES - DAY;
  return {
    silence: { from: to - NO_DATA_SILENCE_MS, to },
    reference: { from: referenceTo - NO_DATA_SILENCE_MS, to: referenceTo },
  };
}

const DECISIONS = `${K.decisions}${SEPARATOR}`;
const TASKS_STARTED = `${K.tasksStarted}${SEPARATOR}`;

/**
 * Events that show a monitor is alive: decisions and task starts (labels and terminal task events follow
 * them and are counted in their bucket, so they add nothing here).
 *
 * Complexity: O(counters).
 * @example trafficEvents(new Map([['dec\u001fdefault\u001fcontrol', 3], ['ts\u001freview', 2]])) // 5
 */
export function trafficEvents(counters: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const [key, count] of counters) {
    if (key.startsWith(DECISIONS) || key.startsWith(TASKS_STARTED)) n += count;
  }
  return n;
}

/**
 * The "no data" rule: firing when the silence window has no events although the same half hour yesterday
 * had at least {@link NO_DATA_MIN_REFERENCE_EVENTS}; clear as soon as there are events; unknown otherwise (a
 * quiet monitor going quiet says nothing). Because unknown holds an alert's state, a firing "no data" alert
 * stays open through the following silent days and resolves when events come back.
 *
 * Complexity: O(1).
 * @throws {InvalidAlertInputError} for negative or non-finite counts.
 * @example noDataCondition(0, 240) // 'firing'
 */
export function noDataCondition(silenceEvents: number, referenceEvents: number): AlertCondition {
  for (const [name, value] of [
    ['silence', silenceEvents],
    ['reference', referenceEvents],
  ] as const) {
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new InvalidAlertInputError(`${name} event count must be a finite number ≥ 0 (got ${value})`);
    }
  }
  if (silenceEvents > 0) return 'clear';
  return referenceEvents >= NO_DATA_MIN_REFERENCE_EVENTS ? 'firing' : 'unknown';
}
