/**
 * Writes the JSON Schema of the event contract, generated from the zod module, to
 * events/schema/driftwatch-event.schema.json:
 *   npm run schema
 * The file is committed; test/unit/events/event-json-schema.test.ts fails when it is stale.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EVENT_JSON_SCHEMA_PATH, eventJsonSchemaText } from '../functions/domain/events/event-json-schema.ts';

await mkdir(dirname(EVENT_JSON_SCHEMA_PATH), { recursive: true });
await writeFile(EVENT_JSON_SCHEMA_PATH, eventJsonSchemaText());
process.stderr.write(`wrote ${EVENT_JSON_SCHEMA_PATH}\n`);
