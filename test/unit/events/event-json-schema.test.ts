import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  EVENT_JSON_SCHEMA_PATH,
  eventJsonSchema,
  eventJsonSchemaText,
} from '../../../functions/domain/events/event-json-schema.ts';
import { EVENT_LIMITS } from '../../../functions/domain/events/limits.ts';

const SAMPLES = 'events/samples';

interface InvalidSample {
  readonly event: unknown;
}

/** ajv is only a transitive dependency (via fauxqs); the cross-check runs when it is installed. */
async function loadAjv(): Promise<
  | (new (
      options: Record<string, unknown>,
    ) => { compile: (schema: unknown) => ((data: unknown) => boolean) & { errors?: unknown } })
  | undefined
> {
  try {
    const module = (await import('ajv/dist/2020.js')) as { default: unknown };
    return module.default as never;
  } catch {
    return undefined;
  }
}

const Ajv = await loadAjv();

describe('Function: eventJsonSchemaText', () => {
  test('It matches the committed schema file, so the file is regenerated whenever the contract changes.', () => {
    // Prepare
    const committed = readFileSync(EVENT_JSON_SCHEMA_PATH, 'utf8');

    // Act
    const generated = eventJsonSchemaText();

    // Assess
    expect(generated, 'events/schema is stale: run `npm run schema`').toBe(committed);
  });

  test('It states the limits of the contract: string lengths, feature count and the size limits.', () => {
    // Prepare
    const text = eventJsonSchemaText();

    // Act
    const schema = JSON.parse(text) as { oneOf: { properties: Record<string, Record<string, unknown>> }[] };
    const decision = schema.oneOf[0]?.properties ?? {};

    // Assess
    expect(decision.id).toMatchObject({ minLength: 1, maxLength: EVENT_LIMITS.maxIdLength });
    expect(decision.features).toMatchObject({ maxProperties: EVENT_LIMITS.maxFeatures });
    expect(decision.confidence).toMatchObject({ minimum: 0, maximum: 1 });
    expect(eventJsonSchema()['x-driftwatch-limits']).toEqual(EVENT_LIMITS);
    expect(text).toContain(`at most ${EVENT_LIMITS.maxEventBytes} bytes`);
  });
});

describe.skipIf(Ajv === undefined)('Contract: the committed JSON Schema (checked with ajv)', () => {
  const validate = Ajv
    ? new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(
        JSON.parse(readFileSync(EVENT_JSON_SCHEMA_PATH, 'utf8')),
      )
    : () => false;
  const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.json'));

  test.each(files.filter((f) => !f.startsWith('invalid-')))('It accepts the valid sample %s.', (file) => {
    // Prepare
    const event = JSON.parse(readFileSync(join(SAMPLES, file), 'utf8')) as unknown;

    // Act
    const valid = validate(event);

    // Assess
    expect(valid).toBe(true);
  });

  // The byte-size limit is not expressible in JSON Schema; every other rejection is.
  test.each(files.filter((f) => f.startsWith('invalid-') && f !== 'invalid-too-large.json'))(
    'It rejects the invalid sample %s.',
    (file) => {
      // Prepare
      const sample = JSON.parse(readFileSync(join(SAMPLES, file), 'utf8')) as InvalidSample;

      // Act
      const valid = validate(sample.event);

      // Assess
      expect(valid).toBe(false);
    },
  );
});
