import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { jsonErrorPosition } from '../../../functions/ingest/json-error-position.ts';
import { parseIngestBody } from '../../../functions/ingest/parse-body.ts';

const LIMITS = { maxBatchBytes: 100, maxBatchEvents: 3 };

/** V8's own position, when its message gives one: the independent reference for the scanner. */
function v8Position(text: string): number | undefined | 'valid' {
  try {
    JSON.parse(text);
    return 'valid';
  } catch (error) {
    const m = /at position (\d+)/.exec(String((error as Error).message));
    if (m) return Number(m[1]);
    if (/Unexpected end of JSON input/.test(String((error as Error).message))) return text.length;
    return undefined;
  }
}

describe('Function: jsonErrorPosition', () => {
  test.each([
    ['[1, tru]', 7],
    ['{"a":1,}', 7],
    ['[1,2', 4],
    ['', 0],
    ['abc', 0],
    ['[1] x', 4],
    ['"\\x"', 2],
    ['"\u0001"', 1],
    ['[01]', 2],
    ['{"a" 1}', 5],
    ['-', 1],
    ['1.e5', 2],
    ['[1, 2]', undefined],
    [' {"a": [true, false, null, -1.5e+3, "\\u00e9"]} ', undefined],
  ])('the first error in %j is at %s', (text, expected) => {
    // Act + Assess
    expect(jsonErrorPosition(text)).toBe(expected);
  });

  test('the scanner agrees with JSON.parse on validity, and with V8 on the position whenever V8 reports one', () => {
    // Prepare
    const nearJson = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc
        .tuple(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.nat(),
          fc.constantFrom('', ',', '}', ']', '"', 'x', ' ', '\\'),
        )
        .map(([s, at, junk]) => {
          const i = s.length === 0 ? 0 : at % s.length;
          return s.slice(0, i) + junk + s.slice(i + (junk === '' ? 1 : 0));
        }),
      fc.string(),
    );

    // Act + Assess
    fc.assert(
      fc.property(nearJson, (text) => {
        const reference = v8Position(text);
        const position = jsonErrorPosition(text);
        if (reference === 'valid') expect(position).toBeUndefined();
        else {
          expect(position).toBeTypeOf('number');
          if (reference !== undefined) expect(position).toBe(reference);
        }
      }),
      { numRuns: 2000, seed: 42 },
    );
  });

  test('nesting a hundred thousand levels deep is scanned without overflowing the stack', () => {
    // Prepare
    const text = `${'['.repeat(100_000)}${']'.repeat(99_999)}`;

    // Act + Assess
    expect(jsonErrorPosition(text)).toBe(text.length);
  });
});

describe('Function: parseIngestBody', () => {
  test.each([
    ['an array', '[{"a":1}]', false, [{ a: 1 }]],
    ['an object with events', '{"events":[1,2]}', false, [1, 2]],
    ['base64 of an array', Buffer.from('[3]').toString('base64'), true, [3]],
    ['an array after a byte-order mark', '\uFEFF[]', false, []],
  ])('%s is read as its list of events', (_name, body, base64, events) => {
    // Act
    const parsed = parseIngestBody(body, base64, LIMITS);

    // Assess
    expect(parsed).toEqual({ ok: true, events });
  });

  test.each([
    ['no body', undefined, false, 400, 'empty_body'],
    ['an empty body', '', false, 400, 'empty_body'],
    ['a number', '7', false, 400, 'invalid_shape'],
    ['an object without events', '{"e":[]}', false, 400, 'invalid_shape'],
    ['events that is a string', '{"events":"x"}', false, 400, 'invalid_shape'],
    ['broken JSON', '[1,', false, 400, 'invalid_json'],
    ['four events', '[1,2,3,4]', false, 413, 'too_many_events'],
    ['101 bytes', `["${'x'.repeat(97)}"]`, false, 413, 'body_too_large'],
    [
      'base64 of 101 bytes',
      Buffer.from(`["${'x'.repeat(97)}"]`).toString('base64'),
      true,
      413,
      'body_too_large',
    ],
    ['multi-byte characters over the byte limit', `["${'é'.repeat(50)}"]`, false, 413, 'body_too_large'],
  ])('%s is refused with its status and code', (_name, body, base64, status, code) => {
    // Act
    const parsed = parseIngestBody(body, base64, LIMITS);

    // Assess
    expect(parsed).toMatchObject({ ok: false, status, code });
  });

  test('a syntax error is located by offset, line and column without quoting the body', () => {
    // Prepare
    const body = '[\n  {"secret": "do-not-echo"},\n  {"a": tru}\n]';

    // Act
    const parsed = parseIngestBody(body, false, { maxBatchBytes: 1000, maxBatchEvents: 10 });

    // Assess
    expect(parsed).toMatchObject({
      ok: false,
      status: 400,
      position: body.indexOf('tru}') + 3,
      line: 3,
      column: 12,
    });
    expect(JSON.stringify(parsed)).not.toContain('do-not-echo');
  });
});
