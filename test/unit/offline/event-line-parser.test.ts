import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { DriftwatchEvent } from '../../../functions/domain/events/event-schema.ts';
import { isIsoDateTimeWithZone } from '../../../functions/domain/events/fast-validate.ts';
import { validateEvent } from '../../../functions/domain/events/validate-event.ts';
import {
  EVENT_DECISION,
  EVENT_LABEL,
  EventFields,
  VALUE_FALSE,
  VALUE_NUMBER,
  VALUE_TEXT,
  VALUE_TRUE,
} from '../../../functions/offline/event-fields.ts';
import { readEventLine } from '../../../functions/offline/event-line-parser.ts';
import { parseIsoTimeBytes } from '../../../functions/offline/iso-time-bytes.ts';
import { JsonNumberReading, readJsonNumber } from '../../../functions/offline/json-number-bytes.ts';
import { type CodeUnits, hashCodeUnits } from '../../../functions/offline/string-key-table.ts';
import { mutatedEvent, nearTime, validEvent, validTime } from '../events/event-arbitraries.ts';

const STATUSES = ['started', 'completed', 'failed', 'handed_off'];

function textOf(units: CodeUnits, start: number, end: number): string {
  return String.fromCharCode(...units.subarray(start, end));
}

/** What the fold reads from an event, as a plain object (the version is checked but not kept). */
function foldView(units: CodeUnits, f: EventFields): Record<string, unknown> {
  const text = (start: number, end: number) => textOf(units, start, end);
  const view: Record<string, unknown> = {
    id: text(f.idStart, f.idEnd),
    monitor: text(f.monitorStart, f.monitorEnd),
    time: f.time,
    recordKeyHash: f.recordKeyHash,
  };
  if (f.type === EVENT_DECISION) {
    view.type = 'decision';
    view.predicted = text(f.predictedStart, f.predictedEnd);
    if (f.taskStart >= 0) view.task = text(f.taskStart, f.taskEnd);
    if (f.variantStart >= 0) view.variant = text(f.variantStart, f.variantEnd);
    if (f.hasConfidence) view.confidence = f.confidence;
    if (f.hasFeatures) {
      const features: Record<string, unknown> = {};
      for (let k = 0; k < f.featureCount; k++) {
        const kind = f.featureKind[k];
        features[text(f.featureNameStart[k] as number, f.featureNameEnd[k] as number)] =
          kind === VALUE_NUMBER
            ? f.featureNumber[k]
            : kind === VALUE_TEXT
              ? text(f.featureTextStart[k] as number, f.featureTextEnd[k] as number)
              : kind === VALUE_TRUE
                ? true
                : kind === VALUE_FALSE
                  ? false
                  : null;
      }
      view.features = features;
    }
  } else if (f.type === EVENT_LABEL) {
    view.type = 'label';
    view.decisionId = text(f.decisionIdStart, f.decisionIdEnd);
    view.actual = text(f.actualStart, f.actualEnd);
  } else {
    view.type = 'task';
    view.taskId = text(f.taskIdStart, f.taskIdEnd);
    view.status = STATUSES[f.status];
    if (f.taskStart >= 0) view.task = text(f.taskStart, f.taskEnd);
    if (f.hasDeadline) view.deadline = f.deadline;
  }
  return view;
}

/** The same view of the exact path's event: JSON.parse, validateEvent, Date.parse. */
function exactView(event: DriftwatchEvent): Record<string, unknown> {
  const { version: _version, ...rest } = event as DriftwatchEvent & { version?: string };
  const recordKey =
    event.type === 'decision' ? event.id : event.type === 'label' ? event.decisionId : event.taskId;
  const view: Record<string, unknown> = {
    ...rest,
    time: Date.parse(event.time),
    recordKeyHash: hashCodeUnits(
      Uint16Array.from({ length: recordKey.length }, (_, i) => recordKey.charCodeAt(i)),
      0,
      recordKey.length,
    ),
  };
  if (event.type === 'task' && event.deadline !== undefined) view.deadline = Date.parse(event.deadline);
  return view;
}

type Outcome = { readonly kind: 'declined' } | { readonly kind: 'read'; readonly view: unknown };

function fastRead(line: string): Outcome {
  // Padding on both sides: the reader must stay within [start, end).
  const bytes = Buffer.from(`}"\n${line}\n"}`, 'utf8');
  const start = 3;
  const end = bytes.length - 3;
  const fields = new EventFields();
  return readEventLine(bytes, start, end, fields)
    ? { kind: 'read', view: foldView(bytes, fields) }
    : { kind: 'declined' };
}

function exactRead(line: string): { ok: true; view: unknown } | { ok: false } {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false };
  }
  const validation = validateEvent(raw, 1, Buffer.byteLength(line, 'utf8'));
  return validation.ok ? { ok: true, view: exactView(validation.event) } : { ok: false };
}

/** The property every test checks: the reader declines, or reads exactly what the exact path reads. */
function agrees(line: string): boolean {
  const fast = fastRead(line);
  if (fast.kind === 'declined') return false;
  const exact = exactRead(line);
  expect(exact.ok).toBe(true);
  if (exact.ok) expect(fast.view).toStrictEqual(exact.view);
  return true;
}

/** Keys of an object in a random order. */
function shuffled(o: Record<string, unknown>, order: readonly number[]): Record<string, unknown> {
  const entries = Object.entries(o);
  const keyed = entries.map((e, i) => ({ e, k: order[i % Math.max(1, order.length)] ?? 0 }));
  keyed.sort((a, b) => a.k - b.k);
  return Object.fromEntries(keyed.map((x) => x.e));
}

const whitespace = fc.constantFrom('', ' ', '  ', '\t', '\r', ' \t ');

/** JSON of an event, with whitespace of the arbitrary's choosing around every structural character. */
function spaced(o: unknown, pads: readonly string[]): string {
  let k = 0;
  const pad = () => pads[k++ % Math.max(1, pads.length)] ?? '';
  const write = (value: unknown): string => {
    if (typeof value !== 'object' || value === null) return JSON.stringify(value);
    const entries = Object.entries(value).map(
      ([key, v]) => `${pad()}${JSON.stringify(key)}${pad()}:${pad()}${write(v)}${pad()}`,
    );
    return `${pad()}{${entries.join(',')}}${pad()}`;
  };
  return write(o);
}

/** Plain ASCII without quotes and backslashes: JSON.stringify writes it without escapes. */
function isPlain(value: unknown): boolean {
  if (typeof value === 'string') return /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(value);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).every(([k, v]) => isPlain(k) && isPlain(v));
  return true;
}

/** Number texts JSON allows, in every form: exponents, zeros, long mantissas, limits of the double range. */
const numberText = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
  fc.integer().map(String),
  fc
    .tuple(
      fc.constantFrom('', '-'),
      fc.stringMatching(/^(0|[1-9][0-9]{0,25})$/),
      fc.option(fc.stringMatching(/^[0-9]{1,25}$/), { nil: undefined }),
      fc.option(
        fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 400 })),
        {
          nil: undefined,
        },
      ),
    )
    .map(
      ([sign, int, fraction, exp]) =>
        `${sign}${int}${fraction === undefined ? '' : `.${fraction}`}${exp === undefined ? '' : `${exp[0]}${exp[1]}${exp[2]}`}`,
    ),
  fc.constantFrom(
    '-0',
    '0.0',
    '-0.0e5',
    '9007199254740993',
    '9007199254740992',
    '123456789012345678901234567890',
    '0.1',
    '1e22',
    '1e23',
    '1e-22',
    '1e-23',
    '5e-324',
    '2.4703282292062327e-324',
    '1.7976931348623157e308',
    '1.7976931348623159e308',
    '1e400',
    '-1e400',
    '0.30000000000000004',
  ),
);

/** Texts that are not quite JSON numbers. */
const notANumber = fc.constantFrom(
  '01',
  '-',
  '+1',
  '.5',
  '1.',
  '1e',
  '1e+',
  '0x10',
  'NaN',
  'Infinity',
  '--1',
  '1.2.3',
  '1_000',
);

const decisionText = fc
  .tuple(
    fc.constantFrom('0.5', '1', '0', '-0', '0e0', '1E0', '0.75e0', '5e-1', '1.0000000000000001', '2', '-0.1'),
    numberText,
    fc.constantFrom('"x"', 'true', 'false', 'null', '{}', '[]', '"a\\"b"', '"\\u0041"', '""'),
  )
  .map(
    ([confidence, amount, other]) =>
      `{"type":"decision","id":"d1","monitor":"m","time":"2026-11-20T10:00:00Z","predicted":"p",` +
      `"confidence":${confidence},"features":{"amount":${amount},"other":${other}}}`,
  );

describe('Function: readEventLine', () => {
  test('It reads every generated valid event written plainly, whatever the key order and whitespace.', () => {
    fc.assert(
      fc.property(
        validEvent.filter(isPlain),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.array(whitespace, { maxLength: 8 }),
        (event, order, pads) => {
          // Prepare
          const line = spaced(shuffled(event, order), pads);

          // Act
          const read = agrees(line);

          // Assess
          expect(read).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  test('It declines or agrees with the exact path on any valid event, escapes and non-ASCII text included.', () => {
    fc.assert(
      fc.property(validEvent, fc.array(fc.nat(), { maxLength: 12 }), (event, order) => {
        // Prepare
        const line = JSON.stringify(shuffled(event, order));

        // Act and assess
        agrees(line);
      }),
      { numRuns: 500 },
    );
  });

  test('It never accepts what the exact path rejects: mutated events.', () => {
    let read = 0;
    fc.assert(
      fc.property(mutatedEvent, (event) => {
        // Prepare
        const line = JSON.stringify(event);

        // Act
        if (agrees(line)) read++;
      }),
      { numRuns: 1500 },
    );
    // Assess: some mutations leave a valid event, which must be read like the exact path reads it.
    expect(read).toBeGreaterThan(0);
  });

  test('It reads numbers bit for bit as JSON.parse does, and declines what JSON cannot hold.', () => {
    let read = 0;
    fc.assert(
      fc.property(decisionText, (line) => {
        // Act and assess
        if (agrees(line)) read++;
      }),
      { numRuns: 800 },
    );
    // Assess: most of these lines are valid events, and the reader takes them.
    expect(read).toBeGreaterThan(100);
  });

  test('It declines or agrees on broken lines: cut, with a byte changed, or with an extra character.', () => {
    fc.assert(
      fc.property(
        validEvent.filter(isPlain),
        fc.nat(),
        fc.oneof(
          fc.constant(''),
          fc.constantFrom('"', '\\', '{', '}', ',', ':', ' ', 'é', '\u0000', '\u007f', 'x', '0', '[', ']'),
        ),
        fc.boolean(),
        (event, at, insert, replace) => {
          // Prepare
          const text = JSON.stringify(event);
          const i = at % (text.length + 1);
          const line = text.slice(0, i) + insert + text.slice(replace ? i + 1 : i);

          // Act and assess
          agrees(line);
        },
      ),
      { numRuns: 1500 },
    );
  });

  test('It declines duplicate keys, unknown keys, nested values, oversized lines and lone values.', () => {
    // Prepare
    const base = '"type":"label","id":"l1","monitor":"m","time":"2026-11-20T10:00:00Z","decisionId":"d1"';
    const lines = [
      `{${base},"actual":"a","actual":"b"}`,
      `{${base},"actual":"a","extra":1}`,
      `{"type":"decision","id":"d","monitor":"m","time":"2026-11-20T10:00:00Z","predicted":"p","features":{"a":1,"a":2}}`,
      `{"type":"decision","id":"d","monitor":"m","time":"2026-11-20T10:00:00Z","predicted":"p","features":{"a":{"b":1}}}`,
      `{"type":"decision","id":"d","monitor":"m","time":"2026-11-20T10:00:00Z","predicted":"p","features":{"__proto__":1}}`,
      `{${base},"actual":"${'a'.repeat(9000)}"}`,
      '[1,2]',
      '"text"',
      '{}',
      `{${base},"actual":"a"} x`,
      `{${base},"actual":"a\\u0062"}`,
    ];

    // Act
    const outcomes = lines.map((line) => fastRead(line).kind);

    // Assess
    expect(outcomes).toEqual(lines.map(() => 'declined'));
    expect(fastRead(`{${base},"actual":"a"}`).kind).toBe('read');
  });
});

describe('Function: readJsonNumber', () => {
  test('It gives exactly the double JSON.parse gives, and the end of the number.', () => {
    fc.assert(
      fc.property(numberText, (text) => {
        // Prepare
        const bytes = Buffer.from(`${text},`, 'latin1');
        const reading = new JsonNumberReading();

        // Act
        readJsonNumber(bytes, 0, bytes.length, reading);

        // Assess
        expect(reading.end).toBe(text.length);
        expect(Object.is(reading.value, JSON.parse(text))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('It says where a text stops being a number, or that it is none.', () => {
    fc.assert(
      fc.property(notANumber, (text) => {
        // Prepare
        const bytes = Buffer.from(text, 'latin1');
        const reading = new JsonNumberReading();

        // Act
        readJsonNumber(bytes, 0, bytes.length, reading);

        // Assess: not a number, or a number followed by bytes that JSON does not allow there.
        expect(reading.end === -1 || reading.end < text.length).toBe(true);
      }),
    );
  });
});

/** Digits of a time's fraction (0 without one). */
function fractionDigits(text: string): number {
  return /\.(\d+)/.exec(text)?.[1]?.length ?? 0;
}

/** A valid time whose fraction is lengthened to 10–20 digits, where V8 stops simply truncating. */
const longFractionTime = fc
  .tuple(validTime, fc.stringMatching(/^[0-9]{10,20}$/))
  .map(([time, digits]) => time.replace(/(\.\d+)?(Z|[+-]\d\d:\d\d)$/, `.${digits}$2`));

describe('Function: parseIsoTimeBytes', () => {
  test('It gives what Date.parse gives for the times the contract accepts, and NaN for the others.', () => {
    fc.assert(
      fc.property(fc.oneof(validTime, nearTime, longFractionTime, fc.string({ maxLength: 30 })), (text) => {
        // Prepare
        const bytes = Buffer.from(text, 'utf8');

        // Act
        const parsed = parseIsoTimeBytes(bytes, 0, bytes.length);

        // Assess: fractions of more than nine digits are declined (left to Date.parse), not misread.
        if (isIsoDateTimeWithZone(text) && fractionDigits(text) <= 9) expect(parsed).toBe(Date.parse(text));
        else expect(parsed).toBeNaN();
      }),
      { numRuns: 3000 },
    );
  });

  test('A fraction of more than nine digits is declined, where Date.parse loses its leading zeros.', () => {
    // Prepare: V8 reads `.0099999999999` as 999 ms; the reader must not claim another value.
    const text = '2020-01-01T00:00:00.0099999999999Z';
    const line = Buffer.from(
      `{"type":"label","id":"l","monitor":"m","time":"${text}","decisionId":"d","actual":"a"}`,
    );

    // Act
    const parsed = parseIsoTimeBytes(Buffer.from(text), 0, text.length);
    const read = readEventLine(line, 0, line.length, new EventFields());

    // Assess
    expect(Date.parse(text) - Date.parse('2020-01-01T00:00:00Z')).toBe(999);
    expect(parsed).toBeNaN();
    expect(read).toBe(false);
  });

  test('It agrees with Date.parse on runs of times that share their date or differ from it by one byte.', () => {
    const variant = fc.tuple(fc.nat(), fc.integer({ min: 0x20, max: 0x7e }), validTime);
    fc.assert(
      fc.property(validTime, fc.array(variant, { minLength: 1, maxLength: 20 }), (first, variants) => {
        // Prepare: after a valid time, times with its date, or with one byte of it changed.
        const texts = [first];
        for (const [at, byte, other] of variants) {
          const date = first.slice(0, 10);
          const position = at % 10;
          const changed = date.slice(0, position) + String.fromCharCode(byte) + date.slice(position + 1);
          texts.push(date + other.slice(10), changed + other.slice(10), other);
        }

        for (const text of texts) {
          // Act
          const bytes = Buffer.from(text, 'utf8');
          const parsed = parseIsoTimeBytes(bytes, 0, bytes.length);

          // Assess
          if (isIsoDateTimeWithZone(text) && fractionDigits(text) <= 9) expect(parsed).toBe(Date.parse(text));
          else expect(parsed).toBeNaN();
        }
      }),
      { numRuns: 500 },
    );
  });
});
