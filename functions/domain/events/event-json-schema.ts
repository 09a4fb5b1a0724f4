import * as z from 'zod';
import { eventSchema } from './event-schema.ts';
import { EVENT_LIMITS } from './limits.ts';

/** Where the generated schema is committed, relative to the repository root. */
export const EVENT_JSON_SCHEMA_PATH = 'events/schema/driftwatch-event.schema.json';

/**
 * The event contract as a JSON Schema (draft 2020-12), generated from the zod module with zod 4's
 * `z.toJSONSchema`, for producers that validate before sending. It states every field rule the zod schema
 * has, including the limits on string lengths and on the number of features; the size limits of an event
 * and of a batch cannot be said in JSON Schema and are given in `description` and `x-driftwatch-limits`.
 * Deterministic: the same source gives the same text, so a test can tell when the committed file is stale.
 * O(size of the schema).
 *
 * @example
 * eventJsonSchemaText().startsWith('{'); // true
 */
export function eventJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(eventSchema, { target: 'draft-2020-12', io: 'input' });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'driftwatch event',
    description:
      'One event sent to driftwatch: a decision, a label (the ground truth of a decision) or a task event. ' +
      `An event is at most ${EVENT_LIMITS.maxEventBytes} bytes of UTF-8 JSON; an ingest request holds at most ` +
      `${EVENT_LIMITS.maxBatchEvents} events and ${EVENT_LIMITS.maxBatchBytes} bytes. ` +
      'Generated from functions/domain/events/event-schema.ts by `npm run schema`; do not edit by hand.',
    'x-driftwatch-limits': { ...EVENT_LIMITS },
    ...rest,
  };
}

/** {@link eventJsonSchema} as the committed file's text: two-space indentation and a final newline. */
export function eventJsonSchemaText(): string {
  return `${JSON.stringify(eventJsonSchema(), null, 2)}\n`;
}
