import { DomainError } from '../errors.ts';

/** A duration string could not be read, or a number of milliseconds cannot be written as one. */
export class InvalidDurationError extends DomainError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidDurationError';
  }
}

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/**
 * Units in the order they must appear in a compound duration ("1d12h", never "12h1d"). Months and years are
 * left out on purpose: their length varies, and an SLO period must be an exact number of milliseconds.
 */
const UNITS: readonly (readonly [unit: string, ms: number])[] = [
  ['w', WEEK_MS],
  ['d', DAY_MS],
  ['h', HOUR_MS],
  ['m', MINUTE_MS],
  ['s', SECOND_MS],
  ['ms', 1],
];
const UNIT_MS = new Map(UNITS);
const UNIT_RANK = new Map(UNITS.map(([unit], rank) => [unit, rank]));

// `ms` is listed before `m` and `s` so the alternation takes the longer unit first.
const PART = /(\d+)(ms|w|d|h|m|s)/y;

/**
 * Parses a duration such as `90s`, `5m`, `1h`, `6h`, `1d`, `28d` or a compound `1h30m` into milliseconds.
 * The grammar follows Prometheus' duration format (units w, d, h, m, s, ms; whole numbers; largest unit
 * first; each unit once), which is what SRE Workbook ch. 5 alerting rules are written in.
 *
 * Complexity: O(n) in the length of the text.
 * @throws {InvalidDurationError} when the text is not a duration; the message quotes what it got and why.
 * @example parseDuration('1h30m') // 5_400_000
 */
export function parseDuration(text: string): number {
  if (typeof text !== 'string' || text.length === 0) {
    throw new InvalidDurationError(`expected a duration such as 90s, 5m, 1h or 30d (got ${show(text)})`);
  }
  let total = 0;
  let position = 0;
  let previousRank = -1;
  while (position < text.length) {
    PART.lastIndex = position;
    const match = PART.exec(text);
    if (match === null) {
      throw new InvalidDurationError(explainBadDuration(text));
    }
    const [whole, amount = '', unit = ''] = match;
    const rank = UNIT_RANK.get(unit) ?? -1;
    if (rank <= previousRank) {
      throw new InvalidDurationError(
        `${show(text)} is not a duration: units must go from the largest to the smallest, each once (e.g. 1d12h)`,
      );
    }
    previousRank = rank;
    total += Number(amount) * (UNIT_MS.get(unit) ?? 0);
    position += whole.length;
  }
  if (!Number.isSafeInteger(total)) {
    throw new InvalidDurationError(`${show(text)} is too long a duration to count in milliseconds`);
  }
  return total;
}

/**
 * Writes a number of milliseconds as the shortest compound duration that {@link parseDuration} reads back
 * exactly: `5_400_000` → `1h30m`, `2_592_000_000` → `30d`, `0` → `0s`. Days are the largest unit used
 * because periods are quoted in days (28d, 30d), not weeks.
 *
 * Complexity: O(1).
 * @throws {InvalidDurationError} for negative, fractional or non-finite input.
 * @example formatDuration(90_000) // '1m30s'
 */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new InvalidDurationError(
      `a duration must be a whole, non-negative number of milliseconds (got ${String(ms)})`,
    );
  }
  if (ms === 0) return '0s';
  let rest = ms;
  let text = '';
  for (const [unit, size] of UNITS) {
    if (unit === 'w') continue;
    const amount = Math.floor(rest / size);
    if (amount > 0) {
      text += `${amount}${unit}`;
      rest -= amount * size;
    }
  }
  return text;
}

/** Says precisely what is wrong, because "invalid duration" alone sends people to the docs. */
function explainBadDuration(text: string): string {
  if (/^\d+(\.\d+)?$/.test(text)) {
    return `${show(text)} is not a duration: it has no unit (write e.g. ${text}s, ${text}m or ${text}h)`;
  }
  if (/\d\.\d/.test(text)) {
    return `${show(text)} is not a duration: amounts must be whole numbers (write 1h30m, not 1.5h)`;
  }
  if (/^-/.test(text)) {
    return `${show(text)} is not a duration: it must not be negative`;
  }
  if (/\s/.test(text)) {
    return `${show(text)} is not a duration: remove the spaces (e.g. 1h30m)`;
  }
  return `${show(text)} is not a duration: expected whole numbers with units w, d, h, m, s or ms, such as 90s, 5m, 1h or 30d`;
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
