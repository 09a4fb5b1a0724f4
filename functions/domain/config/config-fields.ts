import * as z from 'zod';
import { MONITOR_NAME } from '../events/event-schema.ts';
import { EVENT_LIMITS } from '../events/limits.ts';
import { formatDuration, MINUTE_MS, parseDuration } from '../slo/durations.ts';
import { describeValue, unknownKeysMessage } from './config-messages.ts';

/**
 * The value types of the configuration schema. Each one says, in its own words, what it expected and
 * what it got, so a message reads `must be a duration such as 90s, 5m, 1h or 30d (got 30)` rather than
 * zod's generic wording.
 */

/** The parts of a zod issue the messages read (zod passes the raw issue to `error` functions). */
export type RawIssue = {
  readonly code?: string;
  readonly input?: unknown;
  readonly keys?: readonly string[];
};

/** `is required` when the value is missing, else `must be <what> (got <value>)`. */
export function expected(what: string): (issue: RawIssue) => string {
  return (issue) =>
    issue.input === undefined ? 'is required' : `must be ${what} (got ${describeValue(issue.input)})`;
}

/** A mapping that rejects unknown keys, suggesting the key that was probably meant. */
export function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue: RawIssue) => {
      if (issue.code === 'unrecognized_keys') return unknownKeysMessage(issue.keys ?? [], allowed);
      if (issue.code === 'invalid_type') return expected(`a mapping with ${allowed.join(', ')}`)(issue);
      return undefined;
    },
  });
}

interface DurationRule {
  /** Windows are read from minute buckets, so they must be whole minutes. */
  readonly wholeMinutes?: boolean;
  readonly minMs?: number;
}

/** A duration string (see parseDuration) checked and converted to milliseconds. */
export function duration(rule: DurationRule = {}) {
  return z
    .string({
      error: (issue: RawIssue) =>
        typeof issue.input === 'number'
          ? `must be a duration with a unit, such as ${issue.input}m, ${issue.input}h or ${issue.input}d (got ${issue.input})`
          : expected('a duration such as 90s, 5m, 1h or 30d')(issue),
    })
    .transform((text, ctx) => {
      let ms: number;
      try {
        ms = parseDuration(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
      if (ms <= 0) {
        ctx.addIssue({ code: 'custom', message: `must be longer than 0 (got ${describeValue(text)})` });
      } else if (rule.wholeMinutes === true && ms % MINUTE_MS !== 0) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a whole number of minutes, the finest counter bucket (got ${describeValue(text)})`,
        });
      } else if (rule.minMs !== undefined && ms < rule.minMs) {
        ctx.addIssue({
          code: 'custom',
          message: `must be at least ${formatDuration(rule.minMs)} (got ${describeValue(text)})`,
        });
      }
      return ms;
    });
}

/** "99.9%" or 99.9 for an objective: say how to write it. */
function percentHint(value: unknown): string {
  const percent =
    typeof value === 'number' && value >= 50 && value <= 100
      ? value
      : typeof value === 'string' && /^\d+(\.\d+)?%$/.test(value)
        ? Number(value.slice(0, -1))
        : undefined;
  if (percent === undefined) return value === 1 ? '; an objective of 1 leaves no error budget' : '';
  return `; write ${Number((percent / 100).toPrecision(12))} for ${percent}%`;
}

/** A ratio objective in (0, 1), with a hint when it was written as a percentage. */
export const objectiveSchema = z
  .number({
    error: (issue: RawIssue) =>
      issue.input === undefined
        ? 'is required'
        : `must be a number between 0 and 1 such as 0.999 (got ${describeValue(issue.input)})${percentHint(issue.input)}`,
  })
  .refine((v) => v > 0 && v < 1, {
    error: (issue: RawIssue) =>
      `must be between 0 and 1, exclusive (got ${describeValue(issue.input)})${percentHint(issue.input)}`,
  })
  .describe('Target ratio of good events (or good timeslices), e.g. 0.999 for 99.9%.');

/** A whole number ≥ min (event counts, sample sizes). */
export function count(min: number, what = `a whole number ≥ ${min}`) {
  return z
    .number({ error: expected(what) })
    .refine((v) => Number.isInteger(v) && v >= min, { error: (issue: RawIssue) => expected(what)(issue) });
}

/** A number above 0 (burn-rate factors, drift thresholds). */
export const positiveNumber = z
  .number({ error: expected('a number above 0') })
  .refine((v) => v > 0, { error: (issue: RawIssue) => expected('a number above 0')(issue) });

/** A quality-metric threshold in (0, 1] (F1, precision…). */
export const metricThreshold = z
  .number({ error: expected('a number in (0, 1], e.g. 0.8') })
  .refine((v) => v > 0 && v <= 1, {
    error: (issue: RawIssue) => expected('a number in (0, 1], e.g. 0.8')(issue),
  });

/** A monitor or SLO name: the event contract's monitor-name rule, so every name can appear in events. */
export const monitorName = z
  .string({ error: expected('a name of lower-case letters, digits and dashes') })
  .refine((v) => v.length <= EVENT_LIMITS.maxNameLength && MONITOR_NAME.test(v), {
    error: (issue: RawIssue) =>
      `must be 1 to ${EVENT_LIMITS.maxNameLength} lower-case letters, digits and dashes, starting with a letter or digit (got ${describeValue(issue.input)})`,
  });

/** Names and labels become parts of counter keys (U+001F separates them) and are printed in alerts. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** A non-empty text of at most `max` characters without control characters. */
export function label(max: number, what: string) {
  return z
    .string({ error: expected(what) })
    .refine((v) => v.length >= 1 && v.length <= max && !hasControlCharacter(v), {
      error: (issue: RawIssue) =>
        `must be ${what}: 1 to ${max} characters without control characters (got ${describeValue(issue.input)})`,
    });
}

/** Free text for people, at most 1000 characters. */
export const description = label(1000, 'a description');

/** A feature name as the event contract allows it. */
export const featureName = z
  .string({ error: expected('a feature name') })
  .refine((v) => v.length <= EVENT_LIMITS.maxFeatureNameLength && /^[A-Za-z0-9_.:-]+$/.test(v), {
    error: (issue: RawIssue) =>
      `must be a feature name as sent in events: 1 to ${EVENT_LIMITS.maxFeatureNameLength} letters, digits, _ . : or - (got ${describeValue(issue.input)})`,
  });

/** An http(s) URL (runbooks, dashboards). */
export function httpUrl(what: string) {
  return z.string({ error: expected(`an http(s) URL to the ${what}`) }).refine(
    (v) => {
      try {
        const url = new URL(v);
        return url.protocol === 'https:' || url.protocol === 'http:';
      } catch {
        return false;
      }
    },
    {
      error: (issue: RawIssue) => `must be an http(s) URL to the ${what} (got ${describeValue(issue.input)})`,
    },
  );
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
/** An ISO 8601 date (midnight UTC) or date-time with a zone, converted to epoch ms; impossible dates rejected. */
export const instant = z
  .string({ error: expected('an ISO 8601 date or date-time, e.g. 2025-06-01T00:00:00Z') })
  .transform((text, ctx) => {
    const match = ISO_DATE_TIME.exec(text);
    const ms = match === null ? Number.NaN : Date.parse(text);
    // Date.parse rolls 2025-02-30 over to March 2; checking the calendar day catches it.
    const [, year = '', month = '', day = ''] = match ?? [];
    const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    if (
      Number.isNaN(ms) ||
      calendar.getUTCDate() !== Number(day) ||
      calendar.getUTCMonth() !== Number(month) - 1
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `must be an ISO 8601 date (2025-06-01, taken as UTC) or date-time with a zone (2025-06-01T00:00:00Z) (got ${describeValue(text)})`,
      });
      return z.NEVER;
    }
    return ms;
  });

/** One of a fixed list of strings, listing them when the value is not one. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const list = values.map((v) => JSON.stringify(v)).join(', ');
  return z.enum(values, { error: expected(`one of ${list}`) });
}
