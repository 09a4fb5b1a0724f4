import type { DriftwatchEvent } from './event-schema.ts';
import { EVENT_LIMITS } from './limits.ts';

/**
 * A hand-written check of the event contract for the hot path (the offline evaluator reads millions of
 * events; zod's generic machinery costs about 10 µs per event, this an order of magnitude less). It mirrors
 * event-schema.ts rule by rule and is tested against it with generated valid and mutated events
 * (test/unit/events/fast-validate.test.ts): it never accepts what the schema rejects.
 *
 * It only answers for the shapes JSON produces — objects whose prototype is Object.prototype — and defers
 * (returns undefined) for anything else, including a feature named `__proto__`, which zod skips silently.
 * On undefined the caller runs the zod schema, which either accepts the event after all or says precisely
 * what is wrong, so rejection messages always come from one place.
 */

const OBJECT_PROTOTYPE = Object.prototype;

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === OBJECT_PROTOTYPE;
}

/** 1..max UTF-16 code units, none of them a C0 control character or DEL (the schema's NO_CONTROL_CHARS). */
function isText(value: unknown, max: number): boolean {
  if (typeof value !== 'string') return false;
  const n = value.length;
  if (n === 0 || n > max) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  return true;
}

function isOptionalText(value: unknown, max: number): boolean {
  return value === undefined || isText(value, max);
}

/** The schema's MONITOR_NAME: `^[a-z0-9][a-z0-9-]*$`, 1..64 characters. */
function isMonitorName(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const n = value.length;
  if (n === 0 || n > EVENT_LIMITS.maxNameLength) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    const lowerOrDigit = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
    if (!lowerOrDigit && (i === 0 || c !== 0x2d)) return false;
  }
  return true;
}

/** The schema's feature name: `^[A-Za-z0-9_.:-]+$`, 1..64 characters. */
function isFeatureName(key: string): boolean {
  const n = key.length;
  if (n === 0 || n > EVENT_LIMITS.maxFeatureNameLength) return false;
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i);
    const ok =
      (c >= 0x61 && c <= 0x7a) || // a-z
      (c >= 0x41 && c <= 0x5a) || // A-Z
      (c >= 0x30 && c <= 0x3a) || // 0-9 and ':'
      c === 0x5f || // _
      c === 0x2e || // .
      c === 0x2d; // -
    if (!ok) return false;
  }
  return true;
}

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 0x30;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Two ASCII digits at i as a number, or -1. */
function twoDigits(s: string, i: number): number {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * zod's `z.iso.datetime({ offset: true })`: `YYYY-MM-DDTHH:MM:SS`, optional fraction of one or more
 * digits, then `Z` or `±HH:MM`; a real calendar date (Gregorian leap years, year 0000 included), hours
 * 00–23, minutes and seconds 00–59. O(length).
 */
export function isIsoDateTimeWithZone(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const s = value;
  const n = s.length;
  if (n < 20) return false;
  const y1 = twoDigits(s, 0);
  const y2 = twoDigits(s, 2);
  if (y1 < 0 || y2 < 0) return false;
  const year = y1 * 100 + y2;
  if (s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d || s.charCodeAt(10) !== 0x54) return false;
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (s.charCodeAt(13) !== 0x3a || s.charCodeAt(16) !== 0x3a) return false;
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  let i = 19;
  if (s.charCodeAt(i) === 0x2e) {
    i++;
    const start = i;
    while (i < n && digit(s, i) >= 0) i++;
    if (i === start) return false;
  }
  const zone = s.charCodeAt(i);
  if (zone === 0x5a) return i + 1 === n;
  if (zone !== 0x2b && zone !== 0x2d) return false;
  if (i + 6 !== n || s.charCodeAt(i + 3) !== 0x3a) return false;
  const offsetHours = twoDigits(s, i + 1);
  const offsetMinutes = twoDigits(s, i + 4);
  return offsetHours >= 0 && offsetHours <= 23 && offsetMinutes >= 0 && offsetMinutes <= 59;
}

function isFeatureValue(value: unknown): boolean {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value);
    case 'string':
      return isText(value, EVENT_LIMITS.maxLabelLength);
    case 'boolean':
      return true;
    default:
      return value === null;
  }
}

function checkFeatures(features: unknown): boolean {
  // zod reads record keys with Reflect.ownKeys, where a symbol key is invalid, and skips `__proto__`
  // without looking at its value: both are left to zod.
  if (!isJsonObject(features) || Object.getOwnPropertySymbols(features).length > 0) return false;
  const keys = Object.keys(features);
  if (keys.length > EVENT_LIMITS.maxFeatures) return false;
  for (const key of keys) {
    if (key === '__proto__' || !isFeatureName(key) || !isFeatureValue(features[key])) return false;
  }
  return true;
}

function hasOnlyKeys(event: Record<string, unknown>, allowed: (key: string) => boolean): boolean {
  for (const key in event) if (!allowed(key)) return false;
  return true;
}

const isDecisionKey = (key: string) =>
  key === 'type' ||
  key === 'id' ||
  key === 'monitor' ||
  key === 'time' ||
  key === 'predicted' ||
  key === 'task' ||
  key === 'confidence' ||
  key === 'features' ||
  key === 'variant' ||
  key === 'version';

const isLabelKey = (key: string) =>
  key === 'type' ||
  key === 'id' ||
  key === 'monitor' ||
  key === 'time' ||
  key === 'decisionId' ||
  key === 'actual';

const isTaskKey = (key: string) =>
  key === 'type' ||
  key === 'id' ||
  key === 'monitor' ||
  key === 'time' ||
  key === 'taskId' ||
  key === 'status' ||
  key === 'task' ||
  key === 'deadline';

function isTaskStatus(value: unknown): boolean {
  return value === 'started' || value === 'completed' || value === 'failed' || value === 'handed_off';
}

function checkDecision(e: Record<string, unknown>): boolean {
  const confidence = e.confidence;
  if (
    !isText(e.predicted, EVENT_LIMITS.maxLabelLength) ||
    !isOptionalText(e.task, EVENT_LIMITS.maxNameLength) ||
    !isOptionalText(e.variant, EVENT_LIMITS.maxNameLength) ||
    !isOptionalText(e.version, EVENT_LIMITS.maxLabelLength) ||
    (confidence !== undefined && (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1))) ||
    !hasOnlyKeys(e, isDecisionKey)
  ) {
    return false;
  }
  return e.features === undefined ? true : checkFeatures(e.features);
}

/**
 * The event when `raw` certainly satisfies the event contract (event-schema.ts); undefined when it does
 * not, or when its shape is one the fast path leaves to zod. Does not check the size limit. Returns `raw`
 * itself (no copy): a valid event has exactly the schema's keys, so zod's output would be equal to it.
 * O(size of the event).
 *
 * @example
 * fastValidEvent({ type: 'label', id: 'l1', monitor: 'm', time: '2026-11-20T10:00:00Z', decisionId: 'd1', actual: 'x' });
 * // the same object
 */
export function fastValidEvent(raw: unknown): DriftwatchEvent | undefined {
  if (!isJsonObject(raw)) return undefined;
  if (
    !isText(raw.id, EVENT_LIMITS.maxIdLength) ||
    !isMonitorName(raw.monitor) ||
    !isIsoDateTimeWithZone(raw.time)
  ) {
    return undefined;
  }
  let valid: boolean;
  switch (raw.type) {
    case 'decision':
      valid = checkDecision(raw);
      break;
    case 'label':
      valid =
        isText(raw.decisionId, EVENT_LIMITS.maxIdLength) &&
        isText(raw.actual, EVENT_LIMITS.maxLabelLength) &&
        hasOnlyKeys(raw, isLabelKey);
      break;
    case 'task':
      valid =
        isText(raw.taskId, EVENT_LIMITS.maxIdLength) &&
        isTaskStatus(raw.status) &&
        isOptionalText(raw.task, EVENT_LIMITS.maxNameLength) &&
        (raw.deadline === undefined || isIsoDateTimeWithZone(raw.deadline)) &&
        hasOnlyKeys(raw, isTaskKey);
      break;
    default:
      valid = false;
  }
  return valid ? (raw as unknown as DriftwatchEvent) : undefined;
}
