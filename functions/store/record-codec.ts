import { DEFAULT_TASK, DEFAULT_VARIANT } from '../domain/events/event-defaults.ts';
import type { DriftwatchEvent, FeatureValue } from '../domain/events/event-schema.ts';
import {
  type DecisionFacts,
  type DecisionRecord,
  decisionFacts,
  type LabelFacts,
  labelFacts,
} from '../domain/pairing/decision-record.ts';
import type {
  TaskRecord,
  TaskStartFacts,
  TaskTerminalFacts,
  TerminalStatus,
} from '../domain/pairing/task-record.ts';
import { decisionPk, parseEventPk, taskPk } from './keys.ts';
import { TTL_ATTRIBUTE } from './table-definitions.ts';
import { MalformedImageError } from './wire-image.ts';

/**
 * DecisionRecord / TaskRecord ⇄ Events-table item. Attribute names are one or two letters because DynamoDB
 * meters names as data: a typical decision with a few features stays well under 1 KB, i.e. one write unit.
 *
 * Decision item: `pk = D#<monitor>#<decisionId>`
 *   d: { t: time ms, p: predicted, k?: task (omitted when "default"), v?: variant (omitted when "control"),
 *        c?: confidence, f?: features as JSON text, r?: version }   — the decision slot; its event id is the decision id
 *   l: { i: event id, t: time ms, a: actual }                       — the label slot
 * Task item: `pk = T#<monitor>#<taskId>`
 *   k?: workflow name, s: { i, t, dl?: deadline ms }, x: { i, t, st: status }
 * Both: `expiresAt` (epoch seconds) = anchor time + retention. The anchor is the decision or the task start
 * (the first slot written sets the TTL, the anchor slot overwrites it), so a late label or terminal event can
 * pair for `retention` after the event whose bucket it lands in. An event older than that is anchored at its
 * ingest time instead: otherwise a replay of old data would expire at once, and a re-sent copy arriving after
 * the deletion would be counted again.
 *
 * Features are stored as JSON text rather than a map: it is lossless for every finite double (DynamoDB numbers
 * cannot hold magnitudes above 1e126 or below 1e-130), smaller (no per-element type bytes) and never queried.
 */

/** How long an Events item lives after its anchor event: the longest a label or terminal event may be late. */
export const DEFAULT_RETENTION_MS = 35 * 24 * 60 * 60 * 1000;

/** Smallest non-zero magnitude a DynamoDB number can hold. */
const DYNAMODB_MIN_MAGNITUDE = 1e-130;

type Plain = Record<string, unknown>;

export interface DecisionSlotItem {
  t: number;
  p: string;
  k?: string;
  v?: string;
  c?: number;
  f?: string;
  r?: string;
}

export interface LabelSlotItem {
  i: string;
  t: number;
  a: string;
}

export interface TaskStartSlotItem {
  i: string;
  t: number;
  dl?: number;
}

export interface TaskTerminalSlotItem {
  i: string;
  t: number;
  st: TerminalStatus;
}

/** Epoch seconds at which DynamoDB TTL may delete an item anchored at `timeMs` and written at `nowMs`. */
export function expiresAtFor(
  timeMs: number,
  retentionMs: number = DEFAULT_RETENTION_MS,
  nowMs = timeMs,
): number {
  return Math.floor((Math.max(timeMs, nowMs) + retentionMs) / 1000);
}

export interface SlotWriteOptions {
  /** Default {@link DEFAULT_RETENTION_MS}. */
  readonly retentionMs?: number;
  /** Ingest time, epoch ms: the anchor of events older than now. */
  readonly nowMs?: number;
}

/** Confidences below DynamoDB's smallest number fall in the same (first) confidence bin as 0. */
function storableConfidence(c: number): number {
  return Math.abs(c) < DYNAMODB_MIN_MAGNITUDE ? 0 : c;
}

/** The stored form of a decision (the `d` slot); defaults and absent fields are omitted. O(features). */
export function decisionSlot(d: DecisionFacts): DecisionSlotItem {
  return {
    t: d.time,
    p: d.predicted,
    ...(d.task === DEFAULT_TASK ? {} : { k: d.task }),
    ...(d.variant === DEFAULT_VARIANT ? {} : { v: d.variant }),
    ...(d.confidence === undefined ? {} : { c: storableConfidence(d.confidence) }),
    ...(d.features === undefined ? {} : { f: JSON.stringify(d.features) }),
    ...(d.version === undefined ? {} : { r: d.version }),
  };
}

/** The stored form of a label (the `l` slot). O(1). */
export function labelSlot(l: LabelFacts): LabelSlotItem {
  return { i: l.eventId, t: l.time, a: l.actual };
}

/** The stored form of a task start (the `s` slot). O(1). */
export function taskStartSlot(s: TaskStartFacts): TaskStartSlotItem {
  return { i: s.eventId, t: s.time, ...(s.deadline === undefined ? {} : { dl: s.deadline }) };
}

/** The stored form of a task's terminal event (the `x` slot). O(1). */
export function taskTerminalSlot(x: TaskTerminalFacts): TaskTerminalSlotItem {
  return { i: x.eventId, t: x.time, st: x.status };
}

/**
 * The full item of a decision record: what the table holds after the writes that built it (TTL from the
 * decision, or the label when there is no decision yet). O(features).
 */
export function decisionRecordToItem(record: DecisionRecord, retentionMs = DEFAULT_RETENTION_MS): Plain {
  const anchor = record.decision?.time ?? record.label?.time;
  return {
    pk: decisionPk(record.monitor, record.decisionId),
    ...(record.decision ? { d: decisionSlot(record.decision) } : {}),
    ...(record.label ? { l: labelSlot(record.label) } : {}),
    ...(anchor === undefined ? {} : { [TTL_ATTRIBUTE]: expiresAtFor(anchor, retentionMs) }),
  };
}

/** The full item of a task record (TTL from the start, or the terminal event without a start). O(1). */
export function taskRecordToItem(record: TaskRecord, retentionMs = DEFAULT_RETENTION_MS): Plain {
  const anchor = record.started?.time ?? record.terminal?.time;
  return {
    pk: taskPk(record.monitor, record.taskId),
    ...(record.task === DEFAULT_TASK ? {} : { k: record.task }),
    ...(record.started ? { s: taskStartSlot(record.started) } : {}),
    ...(record.terminal ? { x: taskTerminalSlot(record.terminal) } : {}),
    ...(anchor === undefined ? {} : { [TTL_ATTRIBUTE]: expiresAtFor(anchor, retentionMs) }),
  };
}

// ---- decoding (stream images and ConditionalCheckFailed items; anything may be malformed) ----

function isPlain(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

function str(v: unknown, where: string): string {
  if (typeof v !== 'string' || v.length === 0)
    throw new MalformedImageError(`${where} is not a non-empty string`);
  return v;
}

function num(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new MalformedImageError(`${where} is not a number`);
  return v;
}

function optional<T>(v: unknown, read: (v: unknown, where: string) => T, where: string): T | undefined {
  return v === undefined ? undefined : read(v, where);
}

function features(text: unknown): Record<string, FeatureValue> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(str(text, 'd.f'));
  } catch {
    throw new MalformedImageError('d.f is not JSON');
  }
  if (!isPlain(parsed)) throw new MalformedImageError('d.f is not an object');
  for (const v of Object.values(parsed)) {
    if (!(v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')) {
      throw new MalformedImageError('d.f holds a value that is not a feature value');
    }
  }
  return parsed as Record<string, FeatureValue>;
}

const TERMINAL: readonly string[] = ['completed', 'failed', 'handed_off'];

function decodeDecision(decisionId: string, d: unknown): DecisionFacts {
  if (!isPlain(d)) throw new MalformedImageError('d is not a map');
  const confidence = optional(d.c, num, 'd.c');
  const version = optional(d.r, str, 'd.r');
  return {
    eventId: decisionId,
    time: num(d.t, 'd.t'),
    predicted: str(d.p, 'd.p'),
    task: optional(d.k, str, 'd.k') ?? DEFAULT_TASK,
    variant: optional(d.v, str, 'd.v') ?? DEFAULT_VARIANT,
    ...(confidence === undefined ? {} : { confidence }),
    ...(d.f === undefined ? {} : { features: features(d.f) }),
    ...(version === undefined ? {} : { version }),
  };
}

function decodeLabel(l: unknown): LabelFacts {
  if (!isPlain(l)) throw new MalformedImageError('l is not a map');
  return { eventId: str(l.i, 'l.i'), time: num(l.t, 'l.t'), actual: str(l.a, 'l.a') };
}

function decodeStart(s: unknown): TaskStartFacts {
  if (!isPlain(s)) throw new MalformedImageError('s is not a map');
  const deadline = optional(s.dl, num, 's.dl');
  return { eventId: str(s.i, 's.i'), time: num(s.t, 's.t'), ...(deadline === undefined ? {} : { deadline }) };
}

function decodeTerminal(x: unknown): TaskTerminalFacts {
  if (!isPlain(x)) throw new MalformedImageError('x is not a map');
  const status = str(x.st, 'x.st');
  if (!TERMINAL.includes(status)) throw new MalformedImageError('x.st is not a terminal status');
  return { eventId: str(x.i, 'x.i'), time: num(x.t, 'x.t'), status: status as TerminalStatus };
}

export type DecodedRecord =
  | { readonly kind: 'decision'; readonly record: DecisionRecord }
  | { readonly kind: 'task'; readonly record: TaskRecord };

/**
 * Reads an Events-table item (plain form) back into its record. O(item size).
 *
 * @throws {MalformedImageError} when the key or any slot does not have the shape written by this module.
 */
export function recordFromItem(item: Plain): DecodedRecord {
  const pk = str(item.pk, 'pk');
  const key = parseEventPk(pk);
  if (!key) throw new MalformedImageError('pk is not a decision or task key');
  if (key.kind === 'decision') {
    const record: DecisionRecord = {
      monitor: key.monitor,
      decisionId: key.id,
      ...(item.d === undefined ? {} : { decision: decodeDecision(key.id, item.d) }),
      ...(item.l === undefined ? {} : { label: decodeLabel(item.l) }),
    };
    return { kind: 'decision', record };
  }
  const record: TaskRecord = {
    monitor: key.monitor,
    taskId: key.id,
    task: optional(item.k, str, 'k') ?? DEFAULT_TASK,
    ...(item.s === undefined ? {} : { started: decodeStart(item.s) }),
    ...(item.x === undefined ? {} : { terminal: decodeTerminal(item.x) }),
  };
  return { kind: 'task', record };
}

// ---- the one conditional write per event ----

/** An UpdateItem (document-client form) that fills one slot of a record, only if the slot is empty. */
export interface SlotWrite {
  readonly pk: string;
  /** The attribute of the slot, named in the condition. */
  readonly slot: 'd' | 'l' | 's' | 'x';
  readonly updateExpression: string;
  readonly conditionExpression: string;
  readonly expressionAttributeNames: Record<string, string>;
  readonly expressionAttributeValues: Record<string, unknown>;
}

/**
 * The write of one validated event: `SET <slot> = :v` on condition `attribute_not_exists(<slot>)`, so a
 * re-sent event (same id → same slot) fails the condition and is recognised, and the first event of each slot
 * wins. The anchor slot (decision, task start) sets `expiresAt`; the other one only when the item is new.
 * A task event carrying a workflow name sets it unless the record already has one (as `mergeIntoTaskRecord`).
 * O(event size).
 */
export function slotWriteFor(event: DriftwatchEvent, options: SlotWriteOptions = {}): SlotWrite {
  const names: Record<string, string> = { '#e': TTL_ATTRIBUTE };
  const time = Date.parse(event.time);
  const e = expiresAtFor(time, options.retentionMs ?? DEFAULT_RETENTION_MS, options.nowMs ?? time);
  switch (event.type) {
    case 'decision':
      return {
        pk: decisionPk(event.monitor, event.id),
        slot: 'd',
        updateExpression: 'SET d = :v, #e = :e',
        conditionExpression: 'attribute_not_exists(d)',
        expressionAttributeNames: names,
        expressionAttributeValues: { ':v': decisionSlot(decisionFacts(event)), ':e': e },
      };
    case 'label':
      return {
        pk: decisionPk(event.monitor, event.decisionId),
        slot: 'l',
        updateExpression: 'SET l = :v, #e = if_not_exists(#e, :e)',
        conditionExpression: 'attribute_not_exists(l)',
        expressionAttributeNames: names,
        expressionAttributeValues: { ':v': labelSlot(labelFacts(event)), ':e': e },
      };
    case 'task': {
      const started = event.status === 'started';
      const value: TaskStartSlotItem | TaskTerminalSlotItem =
        event.status === 'started'
          ? taskStartSlot({
              eventId: event.id,
              time,
              ...(event.deadline === undefined ? {} : { deadline: Date.parse(event.deadline) }),
            })
          : taskTerminalSlot({ eventId: event.id, time, status: event.status });
      const slot = started ? 's' : 'x';
      // "default" is never stored, so if_not_exists reproduces "the first non-default name wins".
      const setTask = event.task !== undefined && event.task !== DEFAULT_TASK;
      const sets = [`${slot} = :v`, started ? '#e = :e' : '#e = if_not_exists(#e, :e)'];
      if (setTask) sets.push('k = if_not_exists(k, :k)');
      return {
        pk: taskPk(event.monitor, event.taskId),
        slot,
        updateExpression: `SET ${sets.join(', ')}`,
        conditionExpression: `attribute_not_exists(${slot})`,
        expressionAttributeNames: names,
        expressionAttributeValues: { ':v': value, ':e': e, ...(setTask ? { ':k': event.task } : {}) },
      };
    }
  }
}
