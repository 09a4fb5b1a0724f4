import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { foldEventsIntoBuckets } from '../../functions/ingest/in-memory-fold.ts';
import { createPipeline, localClients, type Pipeline, plainBuckets } from './helpers/local-pipeline.ts';
import { FOLD_OPTIONS, scenario } from './helpers/scenario.ts';

const MONITOR = 'support-bot';
const HOUR = 60 * 60 * 1000;
const foldOptions = new Map([[MONITOR, FOLD_OPTIONS]]);

/**
 * A document client whose n-th committed TransactWriteItems (1-based, for n in the set) then fails:
 * the Lambda timing out or crashing after DynamoDB applied the transaction, before the handler returned.
 */
function crashingAfterCommit(endpoint: string, failAfterCommits: ReadonlySet<number>) {
  const { dynamodb } = localClients(endpoint);
  const client = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
  let commits = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'TransactWriteItemsCommand' && failAfterCommits.has(++commits)) {
        throw new Error('simulated crash after the transaction committed');
      }
      return result;
    },
    { step: 'initialize', name: 'crashAfterCommit' },
  );
  return { client, commits: () => commits, destroy: () => dynamodb.destroy() };
}

describe('Function: aggregate handler (a crash after the commit, then the retry)', () => {
  const endpoint = inject('dynamodbEndpoint');
  const start = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR;
  const events = scenario({ monitor: MONITOR, seed: 21, decisions: 60, tasks: 20, start, spanMs: 2 * HOUR });
  const reference = plainBuckets(
    foldEventsIntoBuckets(events, (m) => foldOptions.get(m)).buckets.get(MONITOR),
  );
  const cleanup: (() => void)[] = [];
  afterAll(() => {
    for (const c of cleanup) c();
  });

  async function run(failAfterCommits: ReadonlySet<number>, maxUpdatesPerTransaction?: number) {
    const crashing = crashingAfterCommit(endpoint, failAfterCommits);
    const summaries: Record<string, unknown>[] = [];
    const pipeline: Pipeline = await createPipeline({
      endpoint,
      foldOptions,
      logger: {
        info: (message, attributes) => {
          if (message === 'stream batch aggregated') summaries.push(attributes);
        },
        warn: () => {},
        error: () => {},
      },
      aggregateClient: crashing.client,
      maxBatchSize: 1000,
      ...(maxUpdatesPerTransaction ? { aggregate: { maxUpdatesPerTransaction } } : {}),
    });
    cleanup.push(() => pipeline.destroy(), crashing.destroy);
    await pipeline.post(events);
    const failures: unknown[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await pipeline.drain();
        break;
      } catch (error) {
        failures.push(error);
      }
    }
    return { pipeline, failures, commits: crashing.commits(), summaries };
  }

  test('a batch whose handler fails after its transaction committed is recognised on re-delivery and counted once', async () => {
    // Act
    const { pipeline, failures } = await run(new Set([1]));

    // Assess
    expect(failures.length).toBe(1);
    expect(pipeline.delivered.length).toBe(2);
    expect(pipeline.delivered[1]?.Records).toBe(pipeline.delivered[0]?.Records);
    expect(await pipeline.allBuckets(MONITOR)).toEqual(reference);
  });

  test('a batch split into parts that fails after its second part is completed on re-delivery, every event counted once', async () => {
    // Act: parts of 20 updates; the crash follows the 2nd committed part, the retry re-runs all parts.
    const { pipeline, failures, commits, summaries } = await run(new Set([2]), 20);

    // Assess
    expect(failures.length).toBe(1);
    expect(summaries.length).toBe(1);
    const [summary] = summaries;
    expect(summary?.parts).toBeGreaterThanOrEqual(3);
    expect(summary).toMatchObject({ alreadyAppliedParts: 2, appliedParts: Number(summary?.parts) - 2 });
    // Each part committed exactly once: the retries of parts 1 and 2 were refused by their receipts.
    expect(commits).toBe(summary?.parts);
    expect(await pipeline.allBuckets(MONITOR)).toEqual(reference);
  });
});
