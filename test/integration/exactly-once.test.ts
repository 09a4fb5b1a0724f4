import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { foldEventsIntoBuckets } from '../../functions/ingest/in-memory-fold.ts';
import { createPipeline, type Pipeline, plainBuckets } from './helpers/local-pipeline.ts';
import { chunks, FOLD_OPTIONS, scenario, shuffle } from './helpers/scenario.ts';

const MONITOR = 'support-bot';
const HOUR = 60 * 60 * 1000;
// Relative to now: DynamoDB Local runs TTL, and minute buckets expire 3 days after their start.
const START = Math.floor(Date.now() / HOUR) * HOUR - 4 * HOUR;
const foldOptions = new Map([[MONITOR, FOLD_OPTIONS]]);

const events = scenario({
  monitor: MONITOR,
  seed: 7,
  decisions: 120,
  tasks: 40,
  start: START,
  spanMs: 3 * HOUR,
  maxLabelDelayMs: 48 * HOUR,
});

describe('Function: ingest + aggregate (exactly-once counting on DynamoDB Local)', () => {
  const endpoint = inject('dynamodbEndpoint');
  const pipelines: Pipeline[] = [];
  const reference = plainBuckets(
    foldEventsIntoBuckets(events, (m) => foldOptions.get(m)).buckets.get(MONITOR),
  );

  beforeAll(() => {
    expect(reference.size).toBeGreaterThan(20);
  });

  afterAll(() => {
    for (const p of pipelines) p.destroy();
  });

  test('events sent once, in order, in one stream pass give the counters of the in-memory fold', async () => {
    // Prepare
    const pipeline = await createPipeline({ endpoint, foldOptions, maxBatchSize: 100 });
    pipelines.push(pipeline);

    // Act
    const responses = await pipeline.post(events, 100);
    const delivered = await pipeline.drain();

    // Assess
    expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 200));
    expect(delivered).toBeGreaterThan(0);
    expect(await pipeline.allBuckets(MONITOR)).toEqual(reference);
  });

  test('events sent twice, in another order, in other requests, with every stream batch delivered twice, are counted once', async () => {
    // Prepare
    const pipeline = await createPipeline({ endpoint, foldOptions, maxBatchSize: 37, deliveries: 2 });
    pipelines.push(pipeline);
    const firstPass = chunks(shuffle(events, 11), [13, 50, 7, 120]);
    const secondPass = chunks(shuffle(events, 12), [64, 3, 200]);

    // Act
    for (const batch of firstPass) await pipeline.post(batch);
    await pipeline.drain();
    const resent = [];
    for (const batch of secondPass) resent.push(...(await pipeline.post(batch)));
    await pipeline.drain();

    // Assess
    const statuses = resent.flatMap((r) =>
      (r.body as { results: { status: string }[] }).results.map((x) => x.status),
    );
    // Nothing re-sent is stored again ("retry" only when DynamoDB Local was too slow to answer).
    expect(statuses.filter((s) => s !== 'duplicate' && s !== 'retry')).toEqual([]);
    expect(statuses.filter((s) => s === 'duplicate').length).toBeGreaterThan(events.length / 2);
    expect(pipeline.delivered.length).toBeGreaterThan(2);
    expect(await pipeline.allBuckets(MONITOR)).toEqual(reference);
  });

  test('duplicates inside one request and interleaved with their originals across stream batches are counted once', async () => {
    // Prepare
    const pipeline = await createPipeline({ endpoint, foldOptions, maxBatchSize: 5 });
    pipelines.push(pipeline);
    const doubled = events.flatMap((e, i) => (i % 3 === 0 ? [e, e] : [e]));

    // Act
    for (const batch of chunks(doubled, [31, 9])) {
      await pipeline.post(batch);
      await pipeline.drain();
    }

    // Assess
    expect(await pipeline.allBuckets(MONITOR)).toEqual(reference);
  });
});
