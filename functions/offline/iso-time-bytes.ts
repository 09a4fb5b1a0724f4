const MS_PER_DAY = 86_400_000;

function digitAt(buf: Uint8Array, i: number): number {
  const d = (buf[i] as number) - 0x30;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Two ASCII digits at i as a number, or -1. */
function twoDigitsAt(buf: Uint8Array, i: number): number {
  const a = digitAt(buf, i);
  const b = digitAt(buf, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil), exact in integers for
 * any year the contract allows (0000–9999).
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Bytes of a `YYYY-MM-DD` date. */
const DATE_BYTES = 10;
/** The last valid date read and its day number: the lines of a file mostly share their date. */
const lastDate = new Uint8Array(DATE_BYTES);
let lastDayNumber = Number.NaN;

/** Whether the date bytes at `start` are those of the last date read. */
function isLastDate(buf: Uint8Array, start: number): boolean {
  for (let k = 0; k < DATE_BYTES; k++) if (buf[start + k] !== lastDate[k]) return false;
  return true;
}

/**
 * Days from 1970-01-01 to the real calendar date `YYYY-MM-DD` at `start` (ten bytes the caller has), or NaN.
 * A date equal byte for byte to the previous valid one is answered from memory.
 */
function dayNumberAt(buf: Uint8Array, start: number): number {
  if (!Number.isNaN(lastDayNumber) && isLastDate(buf, start)) return lastDayNumber;
  const y1 = twoDigitsAt(buf, start);
  const y2 = twoDigitsAt(buf, start + 2);
  if (y1 < 0 || y2 < 0) return Number.NaN;
  const year = y1 * 100 + y2;
  if (buf[start + 4] !== 0x2d || buf[start + 7] !== 0x2d) return Number.NaN;
  const month = twoDigitsAt(buf, start + 5);
  const day = twoDigitsAt(buf, start + 8);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  for (let k = 0; k < DATE_BYTES; k++) lastDate[k] = buf[start + k] as number;
  lastDayNumber = daysFromCivil(year, month, day);
  return lastDayNumber;
}

/**
 * Up to nine fraction digits V8's Date.parse keeps the first three as milliseconds. Beyond nine it keeps the
 * first nine *significant* digits and scales them as if there were nine, so leading zeros are lost:
 * `.0099999999999` parses as 999 ms, not 9. Such times are left to Date.parse itself.
 */
const MAX_TRUNCATED_FRACTION_DIGITS = 9;

/**
 * The epoch ms of an ISO-8601 date-time with a zone written in bytes [start, end), or NaN when the text is
 * not one the event contract accepts. It accepts exactly what isIsoDateTimeWithZone (fast-validate.ts)
 * accepts — `YYYY-MM-DDTHH:MM:SS`, an optional fraction of one or more digits, then `Z` or `±HH:MM`, on a
 * real calendar date — and returns what Date.parse returns for it: the fraction's first three digits are
 * milliseconds and the rest are ignored (V8 truncates). Every step is integer arithmetic below 2^53, so the
 * result is exact. A fraction of more than nine digits gives NaN too (see MAX_TRUNCATED_FRACTION_DIGITS):
 * the caller then reads the line with JSON.parse and Date.parse. The date part of the previous valid time is
 * remembered (see dayNumberAt). O(length).
 */
export function parseIsoTimeBytes(buf: Uint8Array, start: number, end: number): number {
  if (end - start < 20) return Number.NaN;
  const days = dayNumberAt(buf, start);
  if (Number.isNaN(days) || buf[start + 10] !== 0x54) return Number.NaN;
  if (buf[start + 13] !== 0x3a || buf[start + 16] !== 0x3a) return Number.NaN;
  const hour = twoDigitsAt(buf, start + 11);
  const minute = twoDigitsAt(buf, start + 14);
  const second = twoDigitsAt(buf, start + 17);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  let i = start + 19;
  let ms = 0;
  if (buf[i] === 0x2e) {
    i++;
    const fractionStart = i;
    let scale = 100;
    for (let d = i < end ? digitAt(buf, i) : -1; d >= 0; d = i < end ? digitAt(buf, i) : -1) {
      ms += d * scale;
      scale /= 10;
      if (scale < 1) scale = 0;
      i++;
    }
    if (i === fractionStart || i - fractionStart > MAX_TRUNCATED_FRACTION_DIGITS) return Number.NaN;
  }
  if (i >= end) return Number.NaN;
  const zone = buf[i];
  let offsetMinutes = 0;
  if (zone === 0x5a) {
    if (i + 1 !== end) return Number.NaN;
  } else {
    if (zone !== 0x2b && zone !== 0x2d) return Number.NaN;
    if (i + 6 !== end || buf[i + 3] !== 0x3a) return Number.NaN;
    const offsetHours = twoDigitsAt(buf, i + 1);
    const offsetMins = twoDigitsAt(buf, i + 4);
    if (offsetHours < 0 || offsetHours > 23 || offsetMins < 0 || offsetMins > 59) return Number.NaN;
    offsetMinutes = (zone === 0x2b ? 1 : -1) * (offsetHours * 60 + offsetMins);
  }
  return days * MS_PER_DAY + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + ms;
}
