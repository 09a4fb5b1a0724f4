import { EVENT_LIMITS } from '../domain/events/limits.ts';
import {
  EVENT_DECISION,
  EVENT_LABEL,
  EVENT_TASK,
  type EventFields,
  STATUS_COMPLETED,
  STATUS_FAILED,
  STATUS_HANDED_OFF,
  STATUS_STARTED,
  VALUE_FALSE,
  VALUE_NULL,
  VALUE_NUMBER,
  VALUE_TEXT,
  VALUE_TRUE,
} from './event-fields.ts';
import { parseIsoTimeBytes } from './iso-time-bytes.ts';
import { JsonNumberReading, readJsonNumber } from './json-number-bytes.ts';
import { FNV_OFFSET_BASIS, FNV_PRIME } from './string-key-table.ts';

/*
 * The byte-level reader of one JSONL line, for the offline evaluator's hot path. It recognises the event
 * shapes producers write — one flat JSON object with the contract's keys in any order, ASCII strings
 * without escapes, plain numbers, `features` one level deep — and checks every rule of the event contract
 * (event-schema.ts) on the way. It answers only when it is certain: any line it does not fully recognise
 * (an escape, a non-ASCII byte, an unknown or repeated key, a nested value, a broken rule, a line over the
 * size limit) is declined, and the caller reads it with JSON.parse and validateEvent, which accept it after
 * all or say exactly what is wrong. test/unit/offline/event-line-parser.test.ts checks it against that path.
 */

const FIELD_TYPE = 0;
const FIELD_ID = 1;
const FIELD_MONITOR = 2;
const FIELD_TIME = 3;
const FIELD_PREDICTED = 4;
const FIELD_TASK = 5;
const FIELD_CONFIDENCE = 6;
const FIELD_FEATURES = 7;
const FIELD_VARIANT = 8;
const FIELD_VERSION = 9;
const FIELD_DECISION_ID = 10;
const FIELD_ACTUAL = 11;
const FIELD_TASK_ID = 12;
const FIELD_STATUS = 13;
const FIELD_DEADLINE = 14;

const FIELD_NAMES = [
  'type',
  'id',
  'monitor',
  'time',
  'predicted',
  'task',
  'confidence',
  'features',
  'variant',
  'version',
  'decisionId',
  'actual',
  'taskId',
  'status',
  'deadline',
];
const FIELD_BYTES = FIELD_NAMES.map((name) => Buffer.from(name, 'latin1'));

const bit = (field: number) => 1 << field;
const COMMON = bit(FIELD_TYPE) | bit(FIELD_ID) | bit(FIELD_MONITOR) | bit(FIELD_TIME);
/** Per event type: the keys it may have, and the keys it must have. */
const ALLOWED = [
  COMMON |
    bit(FIELD_PREDICTED) |
    bit(FIELD_TASK) |
    bit(FIELD_CONFIDENCE) |
    bit(FIELD_FEATURES) |
    bit(FIELD_VARIANT) |
    bit(FIELD_VERSION),
  COMMON | bit(FIELD_DECISION_ID) | bit(FIELD_ACTUAL),
  COMMON | bit(FIELD_TASK_ID) | bit(FIELD_STATUS) | bit(FIELD_TASK) | bit(FIELD_DEADLINE),
];
const REQUIRED = [
  COMMON | bit(FIELD_PREDICTED),
  COMMON | bit(FIELD_DECISION_ID) | bit(FIELD_ACTUAL),
  COMMON | bit(FIELD_TASK_ID) | bit(FIELD_STATUS),
];

const TYPE_BYTES = ['decision', 'label', 'task'].map((name) => Buffer.from(name, 'latin1'));
const STATUS_BYTES = ['started', 'completed', 'failed', 'handed_off'].map((name) =>
  Buffer.from(name, 'latin1'),
);
const STATUS_CODES = [STATUS_STARTED, STATUS_COMPLETED, STATUS_FAILED, STATUS_HANDED_OFF];
const PROTO_BYTES = Buffer.from('__proto__', 'latin1');
for (const options of [TYPE_BYTES, STATUS_BYTES])
  if (new Set(options.map((o) => o[0])).size !== options.length)
    throw new Error('oneOf needs options with distinct first bytes');

/** Byte classes of the string scanners: a byte inside the string, its closing quote, or a byte to decline. */
const INSIDE = 0;
const QUOTE = 1;
const DECLINE = 2;
/** A feature name: `[A-Za-z0-9_.:-]`. */
const FEATURE_NAME_BYTE = new Uint8Array(256).fill(DECLINE);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-')
  FEATURE_NAME_BYTE[c.charCodeAt(0)] = INSIDE;
/** A monitor name: `[a-z0-9-]`. */
const MONITOR_NAME_BYTE = new Uint8Array(256).fill(DECLINE);
for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789-') MONITOR_NAME_BYTE[c.charCodeAt(0)] = INSIDE;
MONITOR_NAME_BYTE[0x22] = QUOTE;
FEATURE_NAME_BYTE[0x22] = QUOTE;

const number = new JsonNumberReading();

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

/** The byte at i, or -1 past the end of the line (the buffer may hold other bytes there). */
function byteAt(buf: Buffer, i: number, end: number): number {
  return i < end ? (buf[i] as number) : -1;
}

function skipWhitespace(buf: Buffer, i: number, end: number): number {
  // Every JSON whitespace byte is ≤ 0x20: one comparison settles the usual case of none.
  while (i < end && (buf[i] as number) <= 0x20 && isWhitespace(buf[i] as number)) i++;
  return i;
}

/**
 * The position of the closing quote of a string whose content starts at `i`, or -1 when the content holds
 * anything but printable ASCII without escapes (a backslash, a control character, DEL, a non-ASCII byte):
 * those strings are left to the exact path, which is also the only one to reject a text field.
 */
function plainStringEnd(buf: Buffer, i: number, end: number): number {
  for (; i < end; i++) {
    const c = buf[i] as number;
    if (c === 0x22) return i;
    // Comparisons rather than a table: one load a byte instead of two, on the hottest loop of the reader.
    if (c < 0x20 || c >= 0x7f || c === 0x5c) return -1;
  }
  return -1;
}

/** hashCodeUnits of the last string {@link hashedStringEnd} scanned to its end. */
let scannedHash = 0;

/**
 * Like plainStringEnd, and hashes the content as it goes (hashCodeUnits of [i, end of string)), leaving the
 * hash in `scannedHash`: the fold looks records up by id, and this spares it a second pass over the bytes.
 */
function hashedStringEnd(buf: Buffer, i: number, end: number): number {
  let h = FNV_OFFSET_BASIS;
  for (; i < end; i++) {
    const c = buf[i] as number;
    if (c === 0x22) {
      scannedHash = h | 0;
      return i;
    }
    if (c < 0x20 || c >= 0x7f || c === 0x5c) return -1;
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return -1;
}

/** Like plainStringEnd, for a feature name: -1 at any byte a feature name may not hold. */
function featureNameEnd(buf: Buffer, i: number, end: number): number {
  for (; i < end; i++) {
    const kind = FEATURE_NAME_BYTE[buf[i] as number] as number;
    if (kind !== INSIDE) return kind === QUOTE ? i : -1;
  }
  return -1;
}

function equalBytes(buf: Buffer, start: number, end: number, expected: Buffer): boolean {
  if (end - start !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (buf[start + i] !== expected[i]) return false;
  return true;
}

/** Whether the key bytes of `field` and its closing quote are at i. */
function keyIs(buf: Buffer, i: number, end: number, field: number): boolean {
  const expected = FIELD_BYTES[field] as Buffer;
  const n = expected.length;
  if (i + n >= end || buf[i + n] !== 0x22) return false;
  for (let k = 1; k < n; k++) if (buf[i + k] !== expected[k]) return false;
  return true;
}

/**
 * Which contract key starts at i (just after its opening quote), told by its first bytes and then checked
 * in full with its closing quote; -1 for any other key. No scan for the closing quote is needed.
 */
function fieldAt(buf: Buffer, i: number, end: number): number {
  let field: number;
  switch (buf[i]) {
    case 0x74: // t: type, time, task, taskId
      field =
        buf[i + 1] === 0x79
          ? FIELD_TYPE
          : buf[i + 1] === 0x69
            ? FIELD_TIME
            : buf[i + 4] === 0x22
              ? FIELD_TASK
              : FIELD_TASK_ID;
      break;
    case 0x69:
      field = FIELD_ID;
      break;
    case 0x6d:
      field = FIELD_MONITOR;
      break;
    case 0x70:
      field = FIELD_PREDICTED;
      break;
    case 0x63:
      field = FIELD_CONFIDENCE;
      break;
    case 0x66:
      field = FIELD_FEATURES;
      break;
    case 0x76: // v: variant, version
      field = buf[i + 3] === 0x69 ? FIELD_VARIANT : FIELD_VERSION;
      break;
    case 0x64: // d: decisionId, deadline
      field = buf[i + 2] === 0x63 ? FIELD_DECISION_ID : FIELD_DEADLINE;
      break;
    case 0x61:
      field = FIELD_ACTUAL;
      break;
    case 0x73:
      field = FIELD_STATUS;
      break;
    default:
      return -1;
  }
  return keyIs(buf, i, end, field) ? field : -1;
}

/**
 * The end (closing quote) of a monitor name starting at i that matches the schema's MONITOR_NAME
 * (`^[a-z0-9][a-z0-9-]*$`) within the name length limit, or -1.
 */
function monitorNameEnd(buf: Buffer, i: number, end: number): number {
  if (MONITOR_NAME_BYTE[buf[i] as number] !== INSIDE || buf[i] === 0x2d) return -1;
  const start = i;
  for (; i < end; i++) {
    const kind = MONITOR_NAME_BYTE[buf[i] as number] as number;
    if (kind !== INSIDE) return kind === QUOTE && i - start <= EVENT_LIMITS.maxNameLength ? i : -1;
  }
  return -1;
}

/**
 * The closing quote of a date-time string starting at i: the fixed `YYYY-MM-DDTHH:MM:SS` part is skipped,
 * since parseIsoTimeBytes checks every byte of the range anyway. -1 when there is none.
 */
function timeEnd(buf: Buffer, i: number, end: number): number {
  for (i += 19; i < end; i++) if (buf[i] === 0x22) return i;
  return -1;
}

/** A feature name's length within the limit, and not `__proto__` (its bytes were checked when scanned). */
function isFeatureName(buf: Buffer, start: number, end: number): boolean {
  if (end === start || end - start > EVENT_LIMITS.maxFeatureNameLength) return false;
  // zod skips a `__proto__` key without looking at it; the exact path reproduces that.
  return !equalBytes(buf, start, end, PROTO_BYTES);
}

/** Whether `literal` (true, false, null) is spelt at i. */
function hasLiteral(buf: Buffer, i: number, end: number, literal: string): boolean {
  if (i + literal.length > end) return false;
  for (let k = 0; k < literal.length; k++) if (buf[i + k] !== literal.charCodeAt(k)) return false;
  return true;
}

function sameName(buf: Buffer, out: EventFields, a: number, b: number): boolean {
  const aStart = out.featureNameStart[a] as number;
  const bStart = out.featureNameStart[b] as number;
  const length = (out.featureNameEnd[a] as number) - aStart;
  if ((out.featureNameEnd[b] as number) - bStart !== length) return false;
  for (let k = 0; k < length; k++) if (buf[aStart + k] !== buf[bStart + k]) return false;
  return true;
}

/**
 * Reads the `features` object starting at the `{` at i into `out`; returns the position after its `}`, or
 * -1 to decline (a nested value, a repeated or invalid name, an invalid value, more than the limit).
 */
function readFeatures(buf: Buffer, i: number, end: number, out: EventFields): number {
  i = skipWhitespace(buf, i + 1, end);
  let count = 0;
  if (byteAt(buf, i, end) === 0x7d) {
    out.featureCount = 0;
    return i + 1;
  }
  for (;;) {
    if (byteAt(buf, i, end) !== 0x22 || count === EVENT_LIMITS.maxFeatures) return -1;
    const nameStart = i + 1;
    const nameEnd = featureNameEnd(buf, nameStart, end);
    if (nameEnd < 0 || !isFeatureName(buf, nameStart, nameEnd)) return -1;
    out.featureNameStart[count] = nameStart;
    out.featureNameEnd[count] = nameEnd;
    for (let k = 0; k < count; k++) if (sameName(buf, out, k, count)) return -1;
    i = skipWhitespace(buf, nameEnd + 1, end);
    if (byteAt(buf, i, end) !== 0x3a) return -1;
    i = skipWhitespace(buf, i + 1, end);
    const c = byteAt(buf, i, end);
    if (c === 0x22) {
      const textEnd = plainStringEnd(buf, i + 1, end);
      if (textEnd <= i + 1 || textEnd - (i + 1) > EVENT_LIMITS.maxLabelLength) return -1;
      out.featureKind[count] = VALUE_TEXT;
      out.featureTextStart[count] = i + 1;
      out.featureTextEnd[count] = textEnd;
      i = textEnd + 1;
    } else if (c === 0x74 && hasLiteral(buf, i, end, 'true')) {
      out.featureKind[count] = VALUE_TRUE;
      i += 4;
    } else if (c === 0x66 && hasLiteral(buf, i, end, 'false')) {
      out.featureKind[count] = VALUE_FALSE;
      i += 5;
    } else if (c === 0x6e && hasLiteral(buf, i, end, 'null')) {
      out.featureKind[count] = VALUE_NULL;
      i += 4;
    } else {
      readJsonNumber(buf, i, end, number);
      if (number.end < 0 || !Number.isFinite(number.value)) return -1;
      out.featureKind[count] = VALUE_NUMBER;
      out.featureNumber[count] = number.value;
      i = number.end;
    }
    count++;
    i = skipWhitespace(buf, i, end);
    if (byteAt(buf, i, end) === 0x7d) {
      out.featureCount = count;
      return i + 1;
    }
    if (byteAt(buf, i, end) !== 0x2c) return -1;
    i = skipWhitespace(buf, i + 1, end);
  }
}

/**
 * Which of `options` the bytes [start, end) spell, or -1. The options' first bytes must differ (true of the
 * event types and the task statuses): the first byte picks the one candidate, which is then compared.
 */
function oneOf(buf: Buffer, start: number, end: number, options: readonly Buffer[]): number {
  const first = buf[start];
  for (let k = 0; k < options.length; k++) {
    const option = options[k] as Buffer;
    if (option[0] === first) return equalBytes(buf, start, end, option) ? k : -1;
  }
  return -1;
}

/** Whether [start, end) is a text field of 1..max characters (plain ASCII is one code unit a byte). */
function isTextLength(start: number, end: number, max: number): boolean {
  return end > start && end - start <= max;
}

/**
 * Reads the line bytes [start, end) as one event into `out` when the line is a valid event of a shape the
 * reader recognises; returns false to decline, leaving `out` in an unspecified state. When it returns true,
 * JSON.parse and validateEvent accept the line too, and `out` holds exactly their event's values (numbers
 * equal bit for bit, times equal to Date.parse). O(length of the line); allocates nothing.
 */
export function readEventLine(buf: Buffer, start: number, end: number, out: EventFields): boolean {
  if (end - start > EVENT_LIMITS.maxEventBytes) return false;
  let i = skipWhitespace(buf, start, end);
  if (byteAt(buf, i, end) !== 0x7b) return false;
  i = skipWhitespace(buf, i + 1, end);
  let seen = 0;
  let type = -1;
  let idHash = 0;
  out.clearOptional();
  if (byteAt(buf, i, end) === 0x7d) return false;
  for (;;) {
    if (byteAt(buf, i, end) !== 0x22) return false;
    const field = fieldAt(buf, i + 1, end);
    if (field < 0 || (seen & bit(field)) !== 0) return false;
    seen |= bit(field);
    // Past the key and its closing quote; producers rarely put whitespace around the colon.
    i += (FIELD_BYTES[field] as Buffer).length + 2;
    if (byteAt(buf, i, end) !== 0x3a) {
      i = skipWhitespace(buf, i, end);
      if (byteAt(buf, i, end) !== 0x3a) return false;
    }
    i++;
    if (isWhitespace(byteAt(buf, i, end))) i = skipWhitespace(buf, i, end);
    if (field === FIELD_CONFIDENCE) {
      readJsonNumber(buf, i, end, number);
      const value = number.value;
      if (number.end < 0 || !(value >= 0 && value <= 1)) return false;
      out.hasConfidence = true;
      out.confidence = value;
      i = number.end;
    } else if (field === FIELD_FEATURES) {
      if (byteAt(buf, i, end) !== 0x7b) return false;
      i = readFeatures(buf, i, end, out);
      if (i < 0) return false;
      out.hasFeatures = true;
    } else {
      if (byteAt(buf, i, end) !== 0x22) return false;
      const s = i + 1;
      const e =
        field === FIELD_MONITOR
          ? monitorNameEnd(buf, s, end)
          : field === FIELD_TIME || field === FIELD_DEADLINE
            ? timeEnd(buf, s, end)
            : field === FIELD_ID || field === FIELD_DECISION_ID || field === FIELD_TASK_ID
              ? hashedStringEnd(buf, s, end)
              : plainStringEnd(buf, s, end);
      if (e < 0) return false;
      i = e + 1;
      switch (field) {
        case FIELD_TYPE:
          type = oneOf(buf, s, e, TYPE_BYTES);
          if (type < 0) return false;
          break;
        case FIELD_ID:
          if (!isTextLength(s, e, EVENT_LIMITS.maxIdLength)) return false;
          out.idStart = s;
          out.idEnd = e;
          idHash = scannedHash;
          break;
        case FIELD_MONITOR:
          out.monitorStart = s;
          out.monitorEnd = e;
          break;
        case FIELD_TIME:
          out.time = parseIsoTimeBytes(buf, s, e);
          if (Number.isNaN(out.time)) return false;
          break;
        case FIELD_PREDICTED:
          if (!isTextLength(s, e, EVENT_LIMITS.maxLabelLength)) return false;
          out.predictedStart = s;
          out.predictedEnd = e;
          break;
        case FIELD_TASK:
          if (!isTextLength(s, e, EVENT_LIMITS.maxNameLength)) return false;
          out.taskStart = s;
          out.taskEnd = e;
          break;
        case FIELD_VARIANT:
          if (!isTextLength(s, e, EVENT_LIMITS.maxNameLength)) return false;
          out.variantStart = s;
          out.variantEnd = e;
          break;
        case FIELD_VERSION:
          if (!isTextLength(s, e, EVENT_LIMITS.maxLabelLength)) return false;
          break;
        case FIELD_DECISION_ID:
          if (!isTextLength(s, e, EVENT_LIMITS.maxIdLength)) return false;
          out.decisionIdStart = s;
          out.decisionIdEnd = e;
          out.recordKeyHash = scannedHash;
          break;
        case FIELD_ACTUAL:
          if (!isTextLength(s, e, EVENT_LIMITS.maxLabelLength)) return false;
          out.actualStart = s;
          out.actualEnd = e;
          break;
        case FIELD_TASK_ID:
          if (!isTextLength(s, e, EVENT_LIMITS.maxIdLength)) return false;
          out.taskIdStart = s;
          out.taskIdEnd = e;
          out.recordKeyHash = scannedHash;
          break;
        case FIELD_STATUS: {
          const status = oneOf(buf, s, e, STATUS_BYTES);
          if (status < 0) return false;
          out.status = STATUS_CODES[status] as number;
          break;
        }
        default:
          out.deadline = parseIsoTimeBytes(buf, s, e);
          if (Number.isNaN(out.deadline)) return false;
          out.hasDeadline = true;
      }
    }
    i = skipWhitespace(buf, i, end);
    const next = byteAt(buf, i, end);
    if (next === 0x7d) break;
    if (next !== 0x2c) return false;
    i = skipWhitespace(buf, i + 1, end);
  }
  if (skipWhitespace(buf, i + 1, end) !== end || type < 0) return false;
  if ((seen & ~(ALLOWED[type] as number)) !== 0 || (seen & (REQUIRED[type] as number)) !== REQUIRED[type])
    return false;
  out.type = type === 0 ? EVENT_DECISION : type === 1 ? EVENT_LABEL : EVENT_TASK;
  // A label's or a task's record key is its decisionId or taskId, hashed where it was read.
  if (type === 0) out.recordKeyHash = idHash;
  return true;
}
