import { DomainError } from '../domain/errors.ts';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** A week name that is not `YYYY-Www` or names a week the year does not have. */
export class InvalidWeekError extends DomainError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidWeekError';
  }
}

/** One ISO-8601 week: Monday 00:00Z inclusive to the next Monday 00:00Z exclusive. */
export interface IsoWeek {
  /** The ISO week-numbering year (may differ from the calendar year of the week's first days). */
  readonly year: number;
  /** 1 … 52 or 53. */
  readonly week: number;
  /** Canonical name, e.g. `2026-W47`. */
  readonly name: string;
  /** Monday 00:00Z, epoch ms. */
  readonly from: number;
  /** The next Monday 00:00Z, epoch ms (exclusive). */
  readonly to: number;
}

/** Monday 00:00Z of ISO week 1 of `year`: the week that holds 4 January. */
function week1Monday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  // getUTCDay: Sunday = 0; ISO weekday: Monday = 0 … Sunday = 6.
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - weekday * DAY_MS;
}

/**
 * How many ISO weeks `year` has: 53 when 28 December falls in week 53, i.e. when the year starts on a
 * Thursday, or is a leap year starting on a Wednesday; otherwise 52.
 *
 * Source: ISO 8601-1:2019 §5.2.4.3 (week numbering); Python `datetime.date.isocalendar`.
 * Complexity: O(1).
 *
 * @example isoWeeksInYear(2026) // 53
 */
export function isoWeeksInYear(year: number): number {
  return Math.round((week1Monday(year + 1) - week1Monday(year)) / WEEK_MS);
}

function makeWeek(year: number, week: number): IsoWeek {
  const from = week1Monday(year) + (week - 1) * WEEK_MS;
  return { year, week, name: `${year}-W${String(week).padStart(2, '0')}`, from, to: from + WEEK_MS };
}

/**
 * Parses an ISO week name, `2026-W47` (also `2026W47` and lower-case `w`), into its UTC range.
 *
 * Source: ISO 8601-1:2019 §5.2.4.3; checked against Python `date.fromisocalendar`.
 * Complexity: O(1).
 *
 * @throws {InvalidWeekError} when the text is not a week name or the year has no such week (W53 of a
 * 52-week year, W00).
 * @example parseIsoWeek('2026-W47').from // Date.UTC(2026, 10, 16)
 */
export function parseIsoWeek(text: string): IsoWeek {
  const match = /^(\d{4})-?[Ww](\d{2})$/.exec(text.trim());
  if (!match) {
    throw new InvalidWeekError(`"${text}" is not an ISO week; write it like 2026-W47`);
  }
  const year = Number(match[1]);
  const week = Number(match[2]);
  const weeks = isoWeeksInYear(year);
  if (week < 1 || week > weeks) {
    throw new InvalidWeekError(`${year} has ISO weeks 1 to ${weeks}; "${text}" is not one of them`);
  }
  return makeWeek(year, week);
}

/**
 * The ISO week holding the instant `time` (UTC). The week-numbering year is the calendar year of the week's
 * Thursday, so 2026-12-31 (a Thursday) is in 2026-W53 and 2027-01-01 too.
 *
 * Source: ISO 8601-1:2019 §5.2.4.3; Python `datetime.isocalendar`.
 * Complexity: O(1).
 *
 * @throws {InvalidWeekError} when `time` is not a finite number.
 * @example isoWeekOf(Date.UTC(2026, 10, 20, 12)).name // '2026-W47'
 */
export function isoWeekOf(time: number): IsoWeek {
  if (!Number.isFinite(time)) throw new InvalidWeekError(`not a time: ${String(time)}`);
  const dayStart = Math.floor(time / DAY_MS) * DAY_MS;
  const weekday = (new Date(dayStart).getUTCDay() + 6) % 7;
  const monday = dayStart - weekday * DAY_MS;
  const year = new Date(monday + 3 * DAY_MS).getUTCFullYear();
  return makeWeek(year, Math.round((monday - week1Monday(year)) / WEEK_MS) + 1);
}

/**
 * The last full ISO week before `time`: the week the weekly report covers when it runs at `time` (on
 * Monday 06:00 that is the week that ended six hours earlier).
 *
 * Complexity: O(1).
 * @throws {InvalidWeekError} when `time` is not a finite number.
 * @example previousIsoWeek(Date.parse('2026-11-23T06:00:00Z')).name // '2026-W47'
 */
export function previousIsoWeek(time: number): IsoWeek {
  return isoWeekOf(isoWeekOf(time).from - 1);
}

/**
 * The start (00:00Z) of each of the week's seven days, Monday first.
 * Complexity: O(1).
 * @example weekDays(parseIsoWeek('2026-W47'))[6] // Date.UTC(2026, 10, 22)
 */
export function weekDays(week: IsoWeek): number[] {
  return Array.from({ length: 7 }, (_, i) => week.from + i * DAY_MS);
}
