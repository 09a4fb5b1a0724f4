import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { GRANULARITY_MS } from '../domain/buckets/granularity.ts';
import type { Monitor, TimesliceSloConfig } from '../domain/config/config-types.ts';
import type { Timeslice } from '../domain/slo/threshold-objective.ts';
import type { PlainItem, StateReaderDeps } from './evaluation-batch-get.ts';
import { batchGetStateItems, itemId } from './evaluation-batch-get.ts';
import type { StateKey } from './keys.ts';
import { TTL_ATTRIBUTE } from './table-definitions.ts';

/**
 * Settled timeslice measurements of threshold SLOs (F1 ≥ 0.8 per hour…). A 30-day timeslice SLO judges 720
 * hourly slices; reading their hour buckets at every evaluation would cost 720 items. Instead, once a slice
 * has settled, its measurement (the metric and the labelled decisions behind it) is stored once, and later
 * evaluations read one item per day holding every slice of every timeslice SLO of the monitor:
 * `V#<monitor>` / `<day start ISO>`, one attribute `t:<slo>:<signature>:<HH:MM>` per slice holding
 * `{ v: metric | null, n: events }`.
 *
 * Slices are stored with `if_not_exists`, so the first measurement wins and a repeated or concurrent
 * evaluation cannot change a stored slice: idempotent without a condition that could fail. The verdict
 * (good, bad, excluded) is derived at every evaluation from the stored metric with the SLO's current threshold
 * and minSliceEvents, so a changed threshold applies to history too. The signature (a hash of the SLI, its
 * filter, the slice length and the positive label) keeps measurements of a redefined SLO apart.
 */
export const TIMESLICE_PREFIX = 'V#';

/**
 * A slice is stored once it ended this long ago. Labels arrive late and are counted in their decision's
 * bucket, so a slice's F1 keeps changing while its labels come in; a day lets labels that take up to a day
 * count, and the slices of the last day are measured from hour buckets the 1-day windows read anyway.
 * Labels arriving later still count in every window's quality metrics, but no longer in the slice's verdict.
 */
export const TIMESLICE_SETTLE_MS = GRANULARITY_MS['1d'];

/** Slice items outlive the longest period (30 days) they can be read for. */
export const TIMESLICE_TTL_MS = 35 * GRANULARITY_MS['1d'];

const DAY = GRANULARITY_MS['1d'];

export function timesliceDayKey(monitor: string, dayStart: number): StateKey {
  return { pk: `${TIMESLICE_PREFIX}${monitor}`, sk: new Date(dayStart).toISOString() };
}

/** FNV-1a (32-bit) of a string, base 36: a short, stable signature. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** What a stored slice measurement depends on besides its time. */
export function timesliceSignature(monitor: Monitor, slo: TimesliceSloConfig): string {
  return fnv1a(
    [
      slo.sli,
      slo.filter.task ?? '',
      slo.filter.variant ?? '',
      slo.timesliceMs,
      monitor.positiveLabel ?? '',
    ].join('\u001f'),
  );
}

function hhmm(start: number): string {
  const d = new Date(start);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** The attribute holding one slice in its day item. */
export function timesliceAttribute(monitor: Monitor, slo: TimesliceSloConfig, start: number): string {
  return `t:${slo.name}:${timesliceSignature(monitor, slo)}:${hhmm(start)}`;
}

/** Day starts of every day overlapping [from, to). */
export function timesliceDays(from: number, to: number): number[] {
  const out: number[] = [];
  for (let day = Math.floor(from / DAY) * DAY; day < to; day += DAY) out.push(day);
  return out;
}

function sliceFromValue(value: unknown): Timeslice | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { v, n } = value as { v?: unknown; n?: unknown };
  if (typeof n !== 'number' || !(n >= 0)) return undefined;
  if (v !== null && typeof v !== 'number') return undefined;
  return { value: v, events: n };
}

/** The stored slices of one monitor, as read for one evaluation. */
export class StoredTimeslices {
  readonly #items: ReadonlyMap<number, PlainItem>;
  readonly #monitor: Monitor;

  constructor(monitor: Monitor, itemsByDay: ReadonlyMap<number, PlainItem>) {
    this.#monitor = monitor;
    this.#items = itemsByDay;
  }

  /** The stored measurement of the slice of `slo` starting at `start`, if stored. O(1). */
  get(slo: TimesliceSloConfig, start: number): Timeslice | undefined {
    const item = this.#items.get(Math.floor(start / DAY) * DAY);
    return item ? sliceFromValue(item[timesliceAttribute(this.#monitor, slo, start)]) : undefined;
  }
}

export interface StoredTimeslicesRead {
  readonly slices: StoredTimeslices;
  /** Day items asked for. */
  readonly itemsRead: number;
}

/** Reads the day items of `days` (one BatchGetItem for up to 100 days). */
export async function readStoredTimeslices(
  deps: StateReaderDeps,
  monitor: Monitor,
  days: readonly number[],
): Promise<StoredTimeslicesRead> {
  const keys = days.map((d) => timesliceDayKey(monitor.name, d));
  const items = await batchGetStateItems(deps, keys);
  const byDay = new Map<number, PlainItem>();
  for (const day of days) {
    const item = items.get(itemId(timesliceDayKey(monitor.name, day)));
    if (item) byDay.set(day, item);
  }
  return { slices: new StoredTimeslices(monitor, byDay), itemsRead: keys.length };
}

export interface TimesliceToStore {
  readonly slo: TimesliceSloConfig;
  readonly start: number;
  readonly slice: Timeslice;
}

/**
 * Stores slice measurements, one UpdateItem per day item (`SET #a = if_not_exists(#a, :a)` per slice, and the
 * item's TTL). Returns the number of UpdateItem calls. O(slices).
 */
export async function saveTimeslices(
  deps: StateReaderDeps,
  monitor: Monitor,
  slices: readonly TimesliceToStore[],
): Promise<number> {
  const byDay = new Map<number, TimesliceToStore[]>();
  for (const s of slices) {
    const day = Math.floor(s.start / DAY) * DAY;
    const list = byDay.get(day) ?? [];
    list.push(s);
    byDay.set(day, list);
  }
  let writes = 0;
  for (const [day, list] of byDay) {
    // An expression may hold at most 4 KB: 40 slices per update keeps well inside it.
    for (let i = 0; i < list.length; i += 40) {
      const part = list.slice(i, i + 40);
      const names: Record<string, string> = { '#ttl': TTL_ATTRIBUTE };
      const values: Record<string, unknown> = { ':ttl': Math.floor((day + TIMESLICE_TTL_MS) / 1000) };
      const sets = ['#ttl = :ttl'];
      part.forEach((s, j) => {
        names[`#a${j}`] = timesliceAttribute(monitor, s.slo, s.start);
        values[`:a${j}`] = { v: s.slice.value, n: s.slice.events };
        sets.push(`#a${j} = if_not_exists(#a${j}, :a${j})`);
      });
      await deps.client.send(
        new UpdateCommand({
          TableName: deps.tableName,
          Key: timesliceDayKey(monitor.name, day),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      writes++;
    }
  }
  return writes;
}
