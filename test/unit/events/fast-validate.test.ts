import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import * as z from 'zod';
import { eventSchema } from '../../../functions/domain/events/event-schema.ts';
import { fastValidEvent, isIsoDateTimeWithZone } from '../../../functions/domain/events/fast-validate.ts';
import { validateEvent } from '../../../functions/domain/events/validate-event.ts';
import { mutatedEvent, nearTime, validEvent, validTime } from './event-arbitraries.ts';

/** The reference: zod's own datetime check, exactly as the event schema configures it. */
const zodTime = z.iso.datetime({ offset: true });
const zodAccepts = (raw: unknown) => eventSchema.safeParse(raw).success;

describe('Function: fastValidEvent', () => {
  test('It accepts every generated valid event, like the zod schema, and returns the event itself.', () => {
    fc.assert(
      fc.property(validEvent, (event) => {
        // Prepare
        const input = event;

        // Act
        const fast = fastValidEvent(input);

        // Assess
        expect(zodAccepts(input)).toBe(true);
        expect(fast).toBe(input);
      }),
      { numRuns: 500 },
    );
  });

  test('It agrees with the zod schema on accept and reject for mutated events.', () => {
    let rejected = 0;
    fc.assert(
      fc.property(mutatedEvent, (event) => {
        // Prepare
        const input = event;

        // Act
        const fast = fastValidEvent(input) !== undefined;

        // Assess
        expect(fast).toBe(zodAccepts(input));
        if (!fast) rejected++;
      }),
      { numRuns: 3000 },
    );
    // The mutations must mostly break the contract, or the agreement would prove little.
    expect(rejected).toBeGreaterThan(1500);
  });

  test.each<[string, () => unknown]>([
    ['an object with a null prototype', () => Object.assign(Object.create(null), validSample())],
    ['a class instance', () => Object.assign(new (class Event {})(), validSample())],
    [
      'a feature named __proto__, which zod skips',
      () =>
        JSON.parse(
          '{"type":"decision","id":"a","monitor":"m","time":"2026-01-01T00:00:00Z","predicted":"x","features":{"__proto__":"\\u0000"}}',
        ),
    ],
    ['features with a symbol key', () => ({ ...validSample(), features: { [Symbol('s')]: 1 } })],
    ['an array', () => [validSample()]],
    ['null', () => null],
    ['a string', () => JSON.stringify(validSample())],
  ])(
    'It leaves %s to zod (returns undefined), and validateEvent still gives zod’s verdict.',
    (_what, make) => {
      // Prepare
      const input = make();

      // Act
      const fast = fastValidEvent(input);
      const validation = validateEvent(input, 0, 10);

      // Assess
      expect(fast).toBeUndefined();
      expect(validation.ok).toBe(zodAccepts(input));
    },
  );
});

describe('Function: fastValidEvent (character classes)', () => {
  const codes = Array.from({ length: 0x180 }, (_, c) => c);
  const decision = (patch: Record<string, unknown>) => ({
    type: 'decision',
    id: 'd1',
    monitor: 'm',
    time: '2026-11-20T10:00:00Z',
    predicted: 'x',
    ...patch,
  });

  test.each<[string, (ch: string) => Record<string, unknown>]>([
    ['a feature name', (ch) => decision({ features: { [`a${ch}`]: 1 } })],
    ['the first character of a monitor name', (ch) => decision({ monitor: `${ch}a` })],
    ['a later character of a monitor name', (ch) => decision({ monitor: `a${ch}` })],
    ['a text field', (ch) => decision({ predicted: `a${ch}` })],
    ['a categorical feature value', (ch) => decision({ features: { f: `${ch}` } })],
  ])('It accepts exactly the characters zod accepts in %s (U+0000 to U+017F).', (_where, make) => {
    // Prepare
    const events = codes.map((c) => make(String.fromCharCode(c)));

    // Act
    const fast = events.map((e) => fastValidEvent(e) !== undefined);

    // Assess
    expect(fast).toEqual(events.map(zodAccepts));
  });
});

function validSample(): Record<string, unknown> {
  return {
    type: 'label',
    id: 'l1',
    monitor: 'm',
    time: '2026-11-20T10:00:00Z',
    decisionId: 'd1',
    actual: 'x',
  };
}

describe('Function: isIsoDateTimeWithZone', () => {
  test.each([
    ['2026-11-20T10:00:00Z', true],
    ['2026-11-20T10:00:00.1234567891+05:30', true],
    ['2024-02-29T00:00:00Z', true],
    ['2000-02-29T00:00:00Z', true],
    ['0000-02-29T00:00:00Z', true],
    ['1900-02-29T00:00:00Z', false],
    ['2026-02-29T00:00:00Z', false],
    ['2026-04-31T00:00:00Z', false],
    ['2026-11-20T24:00:00Z', false],
    ['2026-11-20T10:00:60Z', false],
    ['2026-11-20T10:00Z', false],
    ['2026-11-20T10:00:00', false],
    ['2026-11-20T10:00:00.Z', false],
    ['2026-11-20T10:00:00+0530', false],
    ['2026-11-20t10:00:00z', false],
    ['+012026-11-20T10:00:00Z', false],
  ])('It judges %s as %s, like zod.', (text, expected) => {
    // Prepare
    const input = text;

    // Act
    const valid = isIsoDateTimeWithZone(input);

    // Assess
    expect(valid).toBe(expected);
    expect(zodTime.safeParse(input).success).toBe(expected);
  });

  test('It agrees with zod on generated valid and almost-valid date-times.', () => {
    fc.assert(
      fc.property(fc.oneof(validTime, nearTime, fc.string({ maxLength: 32 })), (text) => {
        // Prepare
        const input = text;

        // Act
        const valid = isIsoDateTimeWithZone(input);

        // Assess
        expect(valid).toBe(zodTime.safeParse(input).success);
      }),
      { numRuns: 5000 },
    );
  });
});
