import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { EVENT_LIMITS } from '../../functions/domain/events/limits.ts';
import { decisionPk, taskPk } from '../../functions/store/keys.ts';
import { apiEvent, createPipeline, type Pipeline } from './helpers/local-pipeline.ts';
import { FOLD_OPTIONS } from './helpers/scenario.ts';

const MONITOR = 'support-bot';
const foldOptions = new Map([[MONITOR, FOLD_OPTIONS]]);

function sample(name: string): APIGatewayProxyEventV2 {
  return JSON.parse(readFileSync(new URL(`../../events/api/${name}`, import.meta.url), 'utf8'));
}

interface Answer {
  statusCode: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

describe('Function: ingest handler (validation on DynamoDB Local)', () => {
  const endpoint = inject('dynamodbEndpoint');
  let pipeline: Pipeline;
  const call = async (event: APIGatewayProxyEventV2): Promise<Answer> => {
    const r = await pipeline.ingest(event);
    return {
      statusCode: r.statusCode ?? 0,
      headers: (r.headers ?? {}) as Record<string, string>,
      body: JSON.parse(r.body ?? 'null'),
    };
  };

  beforeAll(async () => {
    pipeline = await createPipeline({ endpoint, foldOptions });
  });
  afterAll(() => pipeline.destroy());

  test('a batch with invalid events stores every valid one and rejects each invalid one with index, path and reason', async () => {
    // Prepare
    const event = sample('post-events-mixed.json');

    // Act
    const answer = await call(event);

    // Assess
    expect(answer.statusCode).toBe(207);
    const results = answer.body.results as Record<string, unknown>[];
    expect(results.map((r) => [r.index, r.status, r.path])).toEqual([
      [0, 'accepted', undefined],
      [1, 'rejected', 'time'],
      [2, 'rejected', 'decisionId'],
      [3, 'rejected', 'monitor'],
      [4, 'rejected', 'status'],
      [5, 'accepted', undefined],
    ]);
    for (const r of results.filter((x) => x.status === 'rejected'))
      expect(String(r.reason).length).toBeGreaterThan(5);
    expect(answer.body).toMatchObject({ accepted: 2, duplicate: 0, rejected: 4, retry: 0 });
    expect(await pipeline.getEventItem(decisionPk(MONITOR, 'dec-0001'))).toBeDefined();
    expect(await pipeline.getEventItem(taskPk(MONITOR, 'task-0001'))).toBeDefined();
    expect(await pipeline.getEventItem(decisionPk(MONITOR, 'dec-0002'))).toBeUndefined();
    expect(await pipeline.getEventItem(decisionPk('unknown-bot', 'dec-0003'))).toBeUndefined();
    expect(await pipeline.getEventItem(taskPk(MONITOR, 'task-0002'))).toBeUndefined();
  });

  test('a base64-encoded object with an events array is decoded and accepted', async () => {
    // Prepare
    const event = sample('post-events-base64.json');

    // Act
    const answer = await call(event);

    // Assess
    expect(answer.statusCode).toBe(200);
    expect((answer.body.results as unknown[]).length).toBe(2);
  });

  test('a body that is not JSON is answered 400 with the position of the error', async () => {
    // Prepare
    const event = sample('post-events-not-json.json');
    const expectedPosition = (event.body ?? '').indexOf(',}') + 1;

    // Act
    const answer = await call(event);

    // Assess
    expect(answer.statusCode).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid_json', position: expectedPosition, line: 1 });
  });

  test.each([
    ['a JSON number', '42', 400],
    ['an object without events', '{"event":[]}', 400],
    ['events that is not an array', '{"events":{}}', 400],
    [
      'too many events',
      JSON.stringify(Array.from({ length: EVENT_LIMITS.maxBatchEvents + 1 }, () => ({}))),
      413,
    ],
    ['a body over the byte limit', JSON.stringify(['x'.repeat(EVENT_LIMITS.maxBatchBytes)]), 413],
  ])('a body that is %s is refused with %i before any event is read', async (_name, body, status) => {
    // Act
    const answer = await call(apiEvent(body));

    // Assess
    expect(answer.statusCode).toBe(status);
    expect(typeof (answer.body.error as { message: unknown }).message).toBe('string');
  });

  test('fuzzed payloads never crash the handler: every answer is a 2xx or 4xx with a JSON body', async () => {
    // Prepare
    const valid = JSON.parse(sample('post-events.json').body ?? '[]') as Record<string, unknown>[];
    const mutated = fc
      .tuple(
        fc.constantFrom(...valid),
        fc.constantFrom('id', 'monitor', 'time', 'type', 'features', 'predicted', 'taskId', 'x'),
        fc.jsonValue(),
      )
      .map(([event, key, value]) => JSON.stringify([{ ...event, id: `fz-${Math.random()}`, [key]: value }]));
    const deep = fc
      .tuple(fc.integer({ min: 100, max: 200_000 }), fc.constantFrom('[', '{"a":'))
      .map(
        ([n, open]) =>
          `[{"type":"decision","features":${open.repeat(n)}1${(open === '[' ? ']' : '}').repeat(n)}}]`,
      );
    const huge = fc.integer({ min: 9_000, max: 400_000 }).map((n) =>
      JSON.stringify([
        { ...valid[0], id: 'h'.repeat(n) },
        { ...valid[0], predicted: 'p'.repeat(n) },
      ]),
    );
    const payload = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.array(fc.jsonValue(), { maxLength: 20 }).map((v) => JSON.stringify(v)),
      mutated,
      deep,
      huge,
    );

    // Act + Assess
    await fc.assert(
      fc.asyncProperty(payload, fc.boolean(), async (body, base64) => {
        const event = apiEvent(base64 ? Buffer.from(body).toString('base64') : body, base64);
        const answer = await call(event);
        expect([200, 207, 400, 413]).toContain(answer.statusCode);
        expect(typeof answer.body).toBe('object');
        expect(answer.body).not.toBeNull();
        if (answer.statusCode < 300) {
          const parsed: unknown = JSON.parse(body);
          const events = Array.isArray(parsed) ? parsed : (parsed as { events: unknown[] }).events;
          expect((answer.body.results as unknown[]).length).toBe(events.length);
        }
      }),
      { numRuns: 120, seed: 20261120 },
    );
  });
});
