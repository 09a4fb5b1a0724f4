import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { BatchWriteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
// @ts-expect-error s3rver ships no type declarations
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { AlertKey } from '../../functions/domain/alerts/alert-key.ts';
import { GRANULARITIES, type Granularity } from '../../functions/domain/buckets/granularity.ts';
import { foldOptionsFromMonitor } from '../../functions/domain/counters/fold-options-from-config.ts';
import { createReportHandler } from '../../functions/handlers/report.ts';
import { foldEventsIntoBuckets } from '../../functions/ingest/in-memory-fold.ts';
import { buildWeeklyReport } from '../../functions/report/build-weekly-report.ts';
import type { WeeklyReport } from '../../functions/report/report-types.ts';
import { offlineEventsFrom, offlineReportSource } from '../../functions/reporter/offline-source.ts';
import type { WeeklyReportRun } from '../../functions/reporter/weekly-report-service.ts';
import { episodeItem, episodeResolution } from '../../functions/store/alert-history-store.ts';
import { bucketExpiresAt, counterAttributeName } from '../../functions/store/counter-attributes.ts';
import { ensureTable } from '../../functions/store/ensure-tables.ts';
import { bucketKey } from '../../functions/store/keys.ts';
import { silentLogger } from '../../functions/store/logger.ts';
import { STATE_TABLE } from '../../functions/store/table-definitions.ts';
import { CONFIG, WEEK, weekEvents } from '../unit/report/week-scenario.ts';

/**
 * The report function end to end on this machine: counters and alert history in a State table on DynamoDB
 * Local, the report bucket on s3rver (a local S3 server on a free port), the reports topic on fauxqs with an
 * SQS queue subscribed. The scheduled event is the sample in events/schedule/report.json.
 */

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const HOUR = 3_600_000;
const SCHEDULED_EVENT = JSON.parse(
  readFileSync(new URL('../../events/schedule/report.json', import.meta.url), 'utf8'),
) as unknown;

/** The buckets the report reads are hour and day buckets (its ranges start and end on hours); 10-minute
 * buckets are written too. Minute buckets are left out to keep the load short: were the report to need one,
 * its numbers would differ from the offline report's and the comparison below would fail. */
const WRITTEN: readonly Granularity[] = GRANULARITIES.filter((g) => g !== '1m');

async function writeBuckets(
  doc: DynamoDBDocumentClient,
  table: string,
  events: ReturnType<typeof weekEvents>,
) {
  const options = new Map(CONFIG.monitors.map((m) => [m.name, foldOptionsFromMonitor(m)]));
  const { buckets } = foldEventsIntoBuckets(events, (m) => options.get(m));
  const items: Record<string, unknown>[] = [];
  for (const [monitor, byBucket] of buckets) {
    for (const [id, counters] of byBucket) {
      const colon = id.indexOf(':');
      const granularity = id.slice(0, colon) as Granularity;
      if (!WRITTEN.includes(granularity)) continue;
      const ref = { granularity, start: Date.parse(id.slice(colon + 1)) };
      const item: Record<string, unknown> = {
        ...bucketKey(monitor, ref),
        expiresAt: bucketExpiresAt(granularity, ref.start) + 10 * 365 * 86_400,
      };
      for (const [k, v] of counters) item[counterAttributeName(k)] = v;
      items.push(item);
    }
  }
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const r = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (r.UnprocessedItems?.[table] ?? []) as typeof pending;
    }
  }
  return items.length;
}

async function writeEpisode(
  doc: DynamoDBDocumentClient,
  table: string,
  key: AlertKey,
  firedAt: number,
  resolvedAt?: number,
) {
  const drift = key.kind === 'drift' ? { method: 'ks', statistic: 0.42, threshold: 0.1 } : undefined;
  await doc.send(new PutCommand({ TableName: table, Item: episodeItem(key, firedAt, drift) }));
  if (resolvedAt !== undefined) {
    await doc.send(new UpdateCommand({ TableName: table, ...episodeResolution(key, firedAt, resolvedAt) }));
  }
}

describe('Function: report handler (DynamoDB Local, s3rver, fauxqs)', { timeout: 240_000 }, () => {
  const table = `it-report-${process.pid}-${Date.now()}`;
  const bucket = 'driftwatch-reports';
  const dynamodb = new DynamoDBClient({
    endpoint: inject('dynamodbEndpoint'),
    region: 'us-east-1',
    credentials: CREDENTIALS,
  });
  const doc = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
  const queueClients = { endpoint: inject('fauxqsEndpoint'), region: 'us-east-1', credentials: CREDENTIALS };
  const sns = new SNSClient(queueClients);
  const sqs = new SQSClient(queueClients);
  let s3rver: { run(): Promise<{ port: number }>; close(): Promise<void> } | undefined;
  let s3: S3Client;
  let directory: string;
  let queueUrl: string;
  let run: WeeklyReportRun;
  let offline: WeeklyReport;

  beforeAll(async () => {
    // Prepare: the State table with three weeks of counters and the week's alert history.
    await ensureTable(dynamodb, STATE_TABLE, table);
    const events = weekEvents(20_000);
    const written = await writeBuckets(doc, table, events);
    expect(written).toBeGreaterThan(500);
    await writeEpisode(
      doc,
      table,
      { monitor: 'review-agent', kind: 'slo', subject: 'review-completion', severity: 'page' },
      WEEK.from + 2 * 24 * HOUR + 10 * HOUR + 20 * 60_000,
      WEEK.from + 2 * 24 * HOUR + 14 * HOUR + 5 * 60_000,
    );
    await writeEpisode(
      doc,
      table,
      { monitor: 'fraud-screening', kind: 'drift', subject: 'amount', severity: 'ticket' },
      WEEK.from + 3 * 24 * HOUR + 2 * HOUR,
      WEEK.from + 5 * 24 * HOUR + 3 * HOUR,
    );
    await writeEpisode(
      doc,
      table,
      { monitor: 'fraud-screening', kind: 'slo', subject: 'fraud-recall', severity: 'ticket' },
      WEEK.from + 6 * 24 * HOUR,
    );
    await writeEpisode(
      doc,
      table,
      { monitor: 'fraud-screening', kind: 'slo', subject: 'fraud-recall', severity: 'page' },
      WEEK.from - 30 * 24 * HOUR,
      WEEK.from - 29 * 24 * HOUR,
    );
    offline = buildWeeklyReport(
      CONFIG,
      WEEK,
      offlineReportSource(offlineEventsFrom(events, CONFIG), 'events'),
      {
        asOf: Date.parse('2026-11-23T06:00:00Z'),
      },
    );

    // The report bucket on a local S3 server, the reports topic with a queue subscribed.
    directory = await mkdtemp(join(tmpdir(), 'driftwatch-s3rver-'));
    s3rver = new S3rver({ port: 0, address: '127.0.0.1', directory, silent: true }) as NonNullable<
      typeof s3rver
    >;
    const { port } = await s3rver.run();
    s3 = new S3Client({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'eu-west-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const { TopicArn } = await sns.send(
      new CreateTopicCommand({ Name: `reports-${process.pid}-${Date.now()}` }),
    );
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: `reports-${process.pid}-${Date.now()}` }),
    );
    if (!TopicArn || !QueueUrl) throw new Error('fauxqs did not create the topic or the queue');
    queueUrl = QueueUrl;
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: Attributes?.QueueArn ?? '' }));

    // Act
    const handler = createReportHandler({
      s3,
      sns,
      dynamo: doc,
      config: CONFIG,
      stateTableName: table,
      bucketName: bucket,
      topicArn: TopicArn,
      logger: silentLogger,
      consistentRead: true,
    });
    run = await handler(SCHEDULED_EVENT);
  }, 240_000);

  afterAll(async () => {
    await s3rver?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
    for (const c of [dynamodb, sns, sqs, s3]) c?.destroy();
  });

  test('the Monday 06:00 run reports the previous ISO week under its stable keys', () => {
    expect(run.week).toBe('2026-W47');
    expect(run.asOf).toBe('2026-11-23T06:00:00.000Z');
    expect(run.stored.html).toMatchObject({
      bucket,
      key: 'reports/2026-W47/driftwatch-2026-W47.html',
      contentType: 'text/html; charset=utf-8',
    });
    expect(run.stored.json).toMatchObject({
      bucket,
      key: 'reports/2026-W47/driftwatch-2026-W47.json',
      contentType: 'application/json',
    });
    expect(run.bucketsRead).toBeGreaterThan(0);
  });

  test('the stored HTML reads back with its content type and is the self-contained report of the week', async () => {
    // Act
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: run.stored.html.key }));
    const body = await (
      await s3.send(new GetObjectCommand({ Bucket: bucket, Key: run.stored.html.key }))
    ).Body?.transformToString('utf-8');

    // Assess
    expect(head.ContentType).toBe('text/html; charset=utf-8');
    expect(body?.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(body).toContain('<h1>driftwatch weekly governance report — 2026-W47</h1>');
    expect(body).toContain(`source: State table ${table}`);
    expect(body).not.toMatch(/<script|<link|\ssrc=/i);
  });

  test('the stored JSON reads back with its content type and equals the offline report on the same events', async () => {
    // Act
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: run.stored.json.key }));
    const text = await (
      await s3.send(new GetObjectCommand({ Bucket: bucket, Key: run.stored.json.key }))
    ).Body?.transformToString('utf-8');
    const stored = JSON.parse(text ?? '{}') as WeeklyReport;

    // Assess
    expect(head.ContentType).toBe('application/json');
    expect(stored.week).toBe('2026-W47');
    for (const [i, m] of stored.monitors.entries()) {
      const o = offline.monitors[i];
      expect(m.monitor).toBe(o?.monitor);
      expect(m.decisions).toEqual(o?.decisions);
      expect(m.coverage).toEqual(o?.coverage);
      expect(m.quality.week).toEqual(o?.quality.week);
      expect(m.quality.daily).toEqual(o?.quality.daily);
      expect(m.quality.byVariant).toEqual(o?.quality.byVariant);
      expect(m.tasks.week.outcomes).toEqual(o?.tasks.week.outcomes);
      expect(m.tasks.week.completion).toEqual(o?.tasks.week.completion);
      expect(m.slos.map((s) => [s.name, s.week, s.budgetAtWeekEnd, s.burnDown])).toEqual(
        o?.slos.map((s) => [s.name, s.week, s.budgetAtWeekEnd, s.burnDown]),
      );
      // Latency comes from histograms here (within 1%), from raw values offline.
      for (const [d, t] of m.tasks.daily.entries()) {
        const p95 = o?.tasks.daily[d]?.latencyMs?.p95;
        if (t.latencyMs && p95) expect(Math.abs(t.latencyMs.p95 - p95) / p95).toBeLessThan(0.02);
      }
    }
  });

  test('alerts and drift incidents come from the alert history: durations, fired and resolved in the week', async () => {
    const text = await (
      await s3.send(new GetObjectCommand({ Bucket: bucket, Key: run.stored.json.key }))
    ).Body?.transformToString('utf-8');
    const stored = JSON.parse(text ?? '{}') as WeeklyReport;
    const fraud = stored.monitors.find((m) => m.monitor === 'fraud-screening');
    const review = stored.monitors.find((m) => m.monitor === 'review-agent');
    expect(review?.alerts).toMatchObject({
      available: true,
      fired: 1,
      resolved: 1,
      medianTimeToResolveMs: 3 * HOUR + 45 * 60_000,
    });
    expect(fraud?.alerts.episodes.map((e) => [e.kind, e.subject, e.severity, e.ongoing])).toEqual([
      ['drift', 'amount', 'ticket', false],
      ['slo', 'fraud-recall', 'ticket', true],
    ]);
    expect(fraud?.alerts.episodes[1]?.durationMs).toBe(30 * HOUR); // Sunday 00:00 to Monday 06:00
    expect(fraud?.drift.basis).toBe('alerts');
    expect(fraud?.drift.incidents).toEqual([
      expect.objectContaining({
        feature: 'amount',
        method: 'ks',
        statistic: 0.42,
        durationMs: 49 * HOUR,
        ongoing: false,
      }),
    ]);
    // Without confidence × outcome counters the trade-off says what it needs.
    expect(fraud?.confidence?.available).toBe(false);
    expect(fraud?.confidence?.note).toMatch(/raw decisions/);
  });

  test('the summary and the object locations are published to the reports topic, with a short subject', async () => {
    // Act
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );

    // Assess
    expect(Messages).toHaveLength(1);
    const envelope = JSON.parse(Messages?.[0]?.Body ?? '{}') as {
      Subject: string;
      Message: string;
      MessageAttributes: Record<string, { Value: string }>;
    };
    expect(envelope.Subject).toBe(run.subject);
    expect(envelope.Subject.length).toBeLessThanOrEqual(100);
    expect(envelope.Subject).toMatch(/^driftwatch 2026-W47: /);
    expect(envelope.Message).toContain('driftwatch weekly report 2026-W47 (2026-11-16 to 2026-11-22 UTC)');
    expect(envelope.Message).toContain(`s3://${bucket}/reports/2026-W47/driftwatch-2026-W47.html`);
    expect(envelope.Message).toContain(`s3://${bucket}/reports/2026-W47/driftwatch-2026-W47.json`);
    expect(envelope.Message).toContain(
      'https://s3.console.aws.amazon.com/s3/object/driftwatch-reports?region=eu-west-1',
    );
    expect(envelope.MessageAttributes.week?.Value).toBe('2026-W47');
    expect(envelope.MessageAttributes.htmlKey?.Value).toBe(run.stored.html.key);
  });

  test('a manual run naming a week reports that week; a run without time or week is refused', async () => {
    const handler = createReportHandler({
      s3,
      sns,
      dynamo: doc,
      config: { ...CONFIG, monitors: CONFIG.monitors.slice(1) },
      stateTableName: table,
      bucketName: bucket,
      topicArn: 'arn:aws:sns:us-east-1:000000000000:none',
      logger: silentLogger,
    });
    await expect(handler({ detail: {} })).rejects.toThrow(/needs `time` or `detail.week`/);
    await expect(handler({ detail: { week: '2026-W60' } })).rejects.toThrow(/detail.week/);
  });
});
