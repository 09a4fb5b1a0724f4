import fc from 'fast-check';
import { EVENT_LIMITS } from '../../../functions/domain/events/limits.ts';

/**
 * fast-check arbitraries for the event contract: valid events of every type (including values at the
 * limits) and mutations of them that break exactly one rule, or that look almost right. Shared by the
 * fast-path agreement test and the offline tests.
 */

/** Characters allowed in text fields: printable ASCII, a few non-ASCII ones and a lone surrogate. */
const textChar = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constantFrom('é', 'ß', '中', '\u00a0', '\u0080', '\ud800', '\u2028') },
);

/** Text of 1..max UTF-16 code units without control characters; often exactly at the limit. */
export function validText(max: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: textChar, minLength: 1, maxLength: Math.min(max, 12) }) },
    { weight: 1, arbitrary: fc.string({ unit: textChar, minLength: max, maxLength: max }) },
  );
}

export const monitorName = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,15}$/);

const MIN_TIME = Date.parse('0000-01-01T00:00:00Z');
const MAX_TIME = Date.parse('9999-12-31T23:59:59.999Z');

/** A valid ISO-8601 date-time with a zone: Z or an offset, with or without a fraction of any length. */
export const validTime = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: MIN_TIME, max: MAX_TIME }),
      fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') }),
    ),
    fc.constantFrom('', '.5', '.123', '.123456789', '.0'),
    fc.constantFrom('Z', '+00:00', '-00:00', '+05:30', '-12:00', '+23:59'),
  )
  .map(([t, fraction, zone]) => `${new Date(t).toISOString().slice(0, 19)}${fraction}${zone}`);

export const featureName = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,20}$/).filter((k) => k !== '__proto__');

export const featureValue = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  validText(EVENT_LIMITS.maxLabelLength),
  fc.boolean(),
  fc.constant(null),
);

export const features = fc.dictionary(featureName, featureValue, { maxKeys: 8, noNullPrototype: true });

function optional<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined });
}

/** Drops keys whose value is undefined, as JSON would. */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const base = {
  id: validText(EVENT_LIMITS.maxIdLength),
  monitor: monitorName,
  time: validTime,
};

export const validDecision = fc
  .record(
    {
      type: fc.constant('decision' as const),
      ...base,
      predicted: validText(EVENT_LIMITS.maxLabelLength),
      task: optional(validText(EVENT_LIMITS.maxNameLength)),
      confidence: optional(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1))),
      features: optional(features),
      variant: optional(validText(EVENT_LIMITS.maxNameLength)),
      version: optional(validText(EVENT_LIMITS.maxLabelLength)),
    },
    { noNullPrototype: true },
  )
  .map(compact);

export const validLabel = fc.record(
  {
    type: fc.constant('label' as const),
    ...base,
    decisionId: validText(EVENT_LIMITS.maxIdLength),
    actual: validText(EVENT_LIMITS.maxLabelLength),
  },
  { noNullPrototype: true },
);

export const validTask = fc
  .record(
    {
      type: fc.constant('task' as const),
      ...base,
      taskId: validText(EVENT_LIMITS.maxIdLength),
      status: fc.constantFrom('started', 'completed', 'failed', 'handed_off'),
      task: optional(validText(EVENT_LIMITS.maxNameLength)),
      deadline: optional(validTime),
    },
    { noNullPrototype: true },
  )
  .map(compact);

export const validEvent: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  validDecision,
  validLabel,
  validTask,
);

/** Strings that look like date-times but break one rule of the format (or are fine: both are compared). */
export const nearTime = fc
  .tuple(
    validTime,
    fc.nat({ max: 40 }),
    fc.constantFrom('0', '9', '3', '2', '1', '6', 'T', 'Z', 'z', 't', ' ', ':', '-', '+', '.', ',', ''),
  )
  .map(([s, i, c]) => s.slice(0, Math.min(i, s.length)) + c + s.slice(Math.min(i, s.length) + 1));

const badTimes = fc.oneof(
  nearTime,
  fc.constantFrom(
    '2026-11-20T10:00:00',
    '2026-11-20T10:00Z',
    '2026-11-20 10:00:00Z',
    '2026-11-20t10:00:00z',
    '2026-02-29T00:00:00Z',
    '2024-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2000-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-10T00:00:00Z',
    '2026-11-00T00:00:00Z',
    '2026-11-20T24:00:00Z',
    '2026-11-20T23:60:00Z',
    '2026-11-20T23:59:60Z',
    '2026-11-20T10:00:00.Z',
    '2026-11-20T10:00:00+0530',
    '2026-11-20T10:00:00+24:00',
    '2026-11-20T10:00:00+05:60',
    '2026-11-20T10:00:00+05:30Z',
    '+02026-11-20T10:00:00Z',
    '2026-11-20T10:00:00Z ',
    '2026-11-20T10:00:00Z\n',
    '',
  ),
  fc.string({ maxLength: 30 }),
);

/** Values of every JSON type (and a few that only exist in memory), for wrong-type mutations. */
const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0),
  fc.string({ maxLength: 5 }),
  fc.constant(''),
  fc.constant({}),
  fc.constant([]),
  fc.constantFrom('decision', 'label', 'task', 'started', 'completed', 'failed', 'handed_off'),
);

const controlChar = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  fc.constant('\u007f'),
);

const ALL_KEYS = [
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

const LENGTH_LIMITS: Record<string, number> = {
  id: EVENT_LIMITS.maxIdLength,
  monitor: EVENT_LIMITS.maxNameLength,
  predicted: EVENT_LIMITS.maxLabelLength,
  task: EVENT_LIMITS.maxNameLength,
  variant: EVENT_LIMITS.maxNameLength,
  version: EVENT_LIMITS.maxLabelLength,
  decisionId: EVENT_LIMITS.maxIdLength,
  actual: EVENT_LIMITS.maxLabelLength,
  taskId: EVENT_LIMITS.maxIdLength,
};

type Mutation = (e: Record<string, unknown>) => fc.Arbitrary<Record<string, unknown>>;

const mutations: Mutation[] = [
  // a key removed (required or optional)
  (e) =>
    fc
      .constantFrom(...Object.keys(e))
      .map((k) => Object.fromEntries(Object.entries(e).filter(([x]) => x !== k))),
  // a key (of any event type, or a new one) set to a value of another type
  (e) => fc.tuple(fc.constantFrom(...ALL_KEYS, 'extra'), anyValue).map(([k, v]) => ({ ...e, [k]: v })),
  // an unknown key
  (e) =>
    fc
      .tuple(
        fc.oneof(fc.constantFrom('__proto__', 'constructor', 'Type', 'label', 'value'), fc.string()),
        anyValue,
      )
      .map(([k, v]) => {
        const out: Record<string, unknown> = { ...e };
        Object.defineProperty(out, k, {
          value: v ?? 1,
          enumerable: true,
          configurable: true,
          writable: true,
        });
        return out;
      }),
  // a bad time or deadline
  (e) => fc.tuple(fc.constantFrom('time', 'deadline'), badTimes).map(([k, v]) => ({ ...e, [k]: v })),
  // a control character inside a text field
  (e) =>
    fc
      .tuple(fc.constantFrom(...Object.keys(LENGTH_LIMITS)), controlChar, fc.nat({ max: 10 }))
      .map(([k, c, i]) => {
        const v = typeof e[k] === 'string' ? (e[k] as string) : 'abc';
        return { ...e, [k]: v.slice(0, i) + c + v.slice(i) };
      }),
  // a text field one over (or exactly at) its limit
  (e) =>
    fc
      .tuple(fc.constantFrom(...Object.keys(LENGTH_LIMITS)), fc.constantFrom(0, 1))
      .map(([k, over]) => ({ ...e, [k]: 'a'.repeat((LENGTH_LIMITS[k] as number) + over) })),
  // too many (or exactly the maximum of) features
  (e) =>
    fc.constantFrom(EVENT_LIMITS.maxFeatures, EVENT_LIMITS.maxFeatures + 1).map((n) => ({
      ...e,
      features: Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, i])),
    })),
  // a bad feature value or name
  (e) =>
    fc
      .tuple(
        // '__proto__' is left out: zod skips that key, the fast path defers it (see fast-validate.test.ts).
        fc.oneof(
          featureName,
          fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 3 }).filter((k) => k !== '__proto__'),
          fc.constantFrom('', 'a b', 'a/b', 'é', 'x'.repeat(64), 'x'.repeat(65), 'constructor', 'toString'),
        ),
        fc.oneof(
          featureValue,
          anyValue,
          fc.constantFrom('x'.repeat(256), 'x'.repeat(257), 'tab\there', '\u007f'),
        ),
      )
      .map(([k, v]) => {
        const f: Record<string, unknown> = { ...((e.features as Record<string, unknown>) ?? {}) };
        Object.defineProperty(f, k, { value: v, enumerable: true, configurable: true, writable: true });
        return { ...e, features: f };
      }),
  // a confidence out of range
  (e) =>
    fc
      .constantFrom(-0.000001, 1.0000001, 2, -1, Number.NaN, Number.POSITIVE_INFINITY, '0.5', 0, 1, 0.5)
      .map((c) => ({ ...e, confidence: c })),
  // a bad monitor name
  (e) =>
    fc
      .oneof(
        fc.constantFrom('-abc', 'Abc', 'a_b', 'a b', 'a.b', 'a'.repeat(65), 'a'.repeat(64), '0', 'é'),
        fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 3 }),
      )
      .map((m) => ({ ...e, monitor: m })),
  // a bad task status
  (e) => fc.constantFrom('Started', 'done', 'timed_out', '', 'handed-off').map((s) => ({ ...e, status: s })),
];

/** A valid event with one mutation applied: often invalid, sometimes still valid. */
export const mutatedEvent: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(validEvent, fc.nat({ max: mutations.length - 1 }))
  .chain(([e, i]) => (mutations[i] as Mutation)(e));
