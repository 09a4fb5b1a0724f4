import { afterAll, describe, expect, inject, test } from 'vitest';
import { type BucketRef, bucketStart, GRANULARITIES } from '../../functions/domain/buckets/granularity.ts';
import { COUNTER_KINDS, counterKey } from '../../functions/domain/counters/counter-key.ts';
import type { DriftwatchEvent } from '../../functions/domain/events/event-schema.ts';
import { readCounters } from '../../functions/store/read-counters.ts';
import { createPipeline, type Pipeline } from './helpers/local-pipeline.ts';
import { FOLD_OPTIONS } from './helpers/scenario.ts';

const MONITOR = 'support-bot';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const foldOptions = new Map([[MONITOR, FOLD_OPTIONS]]);
const iso = (ms: number) => new Date(ms).toISOString();
const refsAt = (time: number): BucketRef[] =>
  GRANULARITIES.map((g) => ({ granularity: g, start: bucketStart(time, g) }));
const pairKey = (actual: string, predicted: string) =>
  counterKey(COUNTER_KINDS.confusion, 'triage', 'control', actual, predicted);

function decision(id: string, time: number, predicted: string): DriftwatchEvent {
  return { type: 'decision', id, monitor: MONITOR, time: iso(time), predicted, task: 'triage' };
}

function label(id: string, decisionId: string, time: number, actual: string): DriftwatchEvent {
  return { type: 'label', id, monitor: MONITOR, time: iso(time), decisionId, actual };
}

describe('Function: aggregate (labels meet their decision in its bucket)', () => {
  const endpoint = inject('dynamodbEndpoint');
  const pipelines: Pipeline[] = [];
  afterAll(() => {
    for (const p of pipelines) p.destroy();
  });

  async function pipelineAndReader() {
    const pipeline = await createPipeline({ endpoint, foldOptions });
    pipelines.push(pipeline);
    const read = (refs: BucketRef[]) =>
      readCounters(
        { client: pipeline.doc, tableName: pipeline.tables.state, consistentRead: true },
        MONITOR,
        refs,
      );
    return { pipeline, read };
  }

  test('a label that arrives before its decision is counted in the decision bucket when the decision arrives', async () => {
    // Prepare
    const { pipeline, read } = await pipelineAndReader();
    const decidedAt = Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR + 3 * MINUTE + 27_000;
    const labelledAt = decidedAt + 5 * MINUTE;

    // Act
    await pipeline.post([label('l-early', 'd-early', labelledAt, 'escalate')]);
    await pipeline.drain();
    const beforeDecision = await read(refsAt(decidedAt));
    await pipeline.post([decision('d-early', decidedAt, 'refund')]);
    await pipeline.drain();
    const atDecision = await read(refsAt(decidedAt));
    const atLabel = await read(refsAt(labelledAt).filter((r) => r.granularity === '1m'));

    // Assess
    expect(beforeDecision.itemsFound).toBe(0);
    expect(atDecision.itemsFound).toBe(4);
    for (const counters of atDecision.counters.values()) {
      expect(counters.get(pairKey('escalate', 'refund'))).toBe(1);
      expect(counters.get(counterKey(COUNTER_KINDS.labelled, 'triage', 'control'))).toBe(1);
    }
    expect(atLabel.itemsFound).toBe(0);
  });

  test('a label that arrives days after its decision is counted in the decision bucket, not in the bucket of its own time', async () => {
    // Prepare
    const { pipeline, read } = await pipelineAndReader();
    const decidedAt = Math.floor(Date.now() / MINUTE) * MINUTE - 2 * DAY - 7 * HOUR + 41_000;
    const labelledAt = decidedAt + 2 * DAY + 6 * HOUR;
    const other = decision('d-now', labelledAt, 'answer');

    // Act
    await pipeline.post([decision('d-late', decidedAt, 'refund')]);
    await pipeline.drain();
    const beforeLabel = await read(refsAt(decidedAt));
    await pipeline.post([other, label('l-late', 'd-late', labelledAt, 'refund')]);
    await pipeline.drain();
    const atDecision = await read(refsAt(decidedAt));
    const atLabel = await read(refsAt(labelledAt));

    // Assess
    for (const counters of beforeLabel.counters.values())
      expect(counters.get(pairKey('refund', 'refund'))).toBeUndefined();
    expect(atDecision.itemsFound).toBe(4);
    for (const counters of atDecision.counters.values())
      expect(counters.get(pairKey('refund', 'refund'))).toBe(1);
    expect(atLabel.itemsFound).toBe(4);
    for (const counters of atLabel.counters.values()) {
      expect(counters.get(counterKey(COUNTER_KINDS.decisions, 'triage', 'control'))).toBe(1);
      expect([...counters.keys()].filter((k) => k.startsWith(`${COUNTER_KINDS.confusion}\u001f`))).toEqual(
        [],
      );
    }
  });
});
