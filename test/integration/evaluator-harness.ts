import { readFileSync } from 'node:fs';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { MonitorConfig } from '../../functions/domain/config/config-types.ts';
import { parseConfig } from '../../functions/domain/config/load-config.ts';
import type { CounterDelta } from '../../functions/domain/counters/fold-options.ts';
import { foldOptionsFromMonitor } from '../../functions/domain/counters/fold-options-from-config.ts';
import type { DriftwatchEvent } from '../../functions/domain/events/event-schema.ts';
import type { EvaluationRunSummary } from '../../functions/evaluator/evaluate-monitors.ts';
import { createEvaluateHandler, type EvaluateHandler } from '../../functions/handlers/evaluate.ts';
import { InMemoryFold } from '../../functions/ingest/in-memory-fold.ts';
import type { AlertMessageBody } from '../../functions/notify/alert-message.ts';
import {
  bucketUpdateOps,
  groupDeltasByBucket,
  planTransactions,
} from '../../functions/store/bucket-updates.ts';
import { silentLogger } from '../../functions/store/logger.ts';
import type { ScheduledInvocationEvent } from '../../infra/schedule-payload.ts';
import { createPipeline, LOCAL_CREDENTIALS, type Pipeline } from './helpers/local-pipeline.ts';

/**
 * The evaluator's integration harness: a fresh pipeline (Events and State tables on DynamoDB Local, the real
 * ingest and aggregate handlers behind a stream poller), an SNS alerts topic on fauxqs with an SQS queue
 * subscribed to it, and the real evaluate handler invoked with the sample Scheduler event at chosen times.
 * Traffic reaches the State table either through the real ingest → stream → aggregate path (`ingest`) or,
 * for bulk history, through the aggregator's own bucket writer (`load`: the in-memory fold's counter deltas,
 * grouped by bucket and written with the aggregator's `bucketUpdateOps` / `planTransactions`, optionally
 * scaled so one generated event stands for many).
 */

export const SCHEDULE_EVENT = JSON.parse(
  readFileSync(new URL('../../events/schedule/evaluate.json', import.meta.url), 'utf8'),
) as ScheduledInvocationEvent;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Scenario times are in the future, so DynamoDB Local's TTL never deletes the buckets under a test. */
export const T0 = Date.UTC(2027, 2, 1);

const iso = (t: number) => new Date(t).toISOString();

export interface ReceivedAlert {
  readonly subject: string;
  readonly body: AlertMessageBody;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface HarnessEndpoints {
  readonly dynamodbEndpoint: string;
  readonly fauxqsEndpoint: string;
}

let topicCounter = 0;

export class EvaluatorHarness {
  readonly config: MonitorConfig;
  readonly pipeline: Pipeline;
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
  readonly topicArn: string;
  readonly queueUrl: string;
  readonly #fold: InMemoryFold;
  #deltas: CounterDelta[] = [];

  private constructor(
    config: MonitorConfig,
    pipeline: Pipeline,
    sns: SNSClient,
    sqs: SQSClient,
    topicArn: string,
    queueUrl: string,
  ) {
    this.config = config;
    this.pipeline = pipeline;
    this.sns = sns;
    this.sqs = sqs;
    this.topicArn = topicArn;
    this.queueUrl = queueUrl;
    const options = new Map(config.monitors.map((m) => [m.name, foldOptionsFromMonitor(m)]));
    this.#fold = new InMemoryFold(
      (m) => options.get(m),
      (d) => this.#deltas.push(d),
    );
  }

  static async create(endpoints: HarnessEndpoints, configYaml: string): Promise<EvaluatorHarness> {
    const config = parseConfig(configYaml, 'test.yaml').config;
    const foldOptions = new Map(config.monitors.map((m) => [m.name, foldOptionsFromMonitor(m)]));
    const pipeline = await createPipeline({
      endpoint: endpoints.dynamodbEndpoint,
      foldOptions,
      maxBatchSize: 1000,
    });
    const clientConfig = {
      endpoint: endpoints.fauxqsEndpoint,
      region: 'us-east-1',
      credentials: LOCAL_CREDENTIALS,
    };
    const sns = new SNSClient(clientConfig);
    const sqs = new SQSClient(clientConfig);
    const name = `alerts-${process.pid}-${Date.now()}-${topicCounter++}`;
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: name }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    if (!TopicArn || !QueueUrl) throw new Error('fauxqs did not create the topic or the queue');
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: Attributes?.QueueArn ?? '' }));
    return new EvaluatorHarness(config, pipeline, sns, sqs, TopicArn, QueueUrl);
  }

  get stateTable(): string {
    return this.pipeline.tables.state;
  }

  /**
   * Folds weighted events (in arrival order; the fold keeps decision/label pairs across calls) and writes their
   * counters with the aggregator's bucket writer. An event of weight w adds its counter deltas w times: it
   * stands for w identical events in the same minute, which give exactly those bucket counters.
   */
  async load(traffic: Iterable<Weighted>): Promise<void> {
    const deltas: CounterDelta[] = [];
    for (const { event, weight } of traffic) {
      this.#fold.add(event);
      for (const d of this.#deltas) deltas.push({ ...d, n: d.n * weight });
      this.#deltas = [];
    }
    const parts = planTransactions(groupDeltasByBucket(deltas).flatMap((b) => bucketUpdateOps(b)));
    for (const ops of parts) {
      await this.pipeline.doc.send(
        new TransactWriteCommand({
          TransactItems: ops.map((op) => ({
            Update: {
              TableName: this.stateTable,
              Key: op.key,
              UpdateExpression: op.updateExpression,
              ExpressionAttributeNames: op.expressionAttributeNames,
              ExpressionAttributeValues: op.expressionAttributeValues,
            },
          })),
        }),
      );
    }
  }

  /** Sends events through the real ingest handler, then drains the stream into the real aggregate handler. */
  async ingest(events: readonly DriftwatchEvent[]): Promise<void> {
    const responses = await this.pipeline.post(events, 500);
    const refused = responses.filter((r) => r.statusCode !== 200);
    if (refused.length > 0) throw new Error(`ingest refused events: ${JSON.stringify(refused[0]?.body)}`);
    await this.pipeline.drain();
  }

  handler(options: { sns?: SNSClient; config?: MonitorConfig; now?: () => number } = {}): EvaluateHandler {
    return createEvaluateHandler({
      dynamo: this.pipeline.doc,
      sns: options.sns ?? this.sns,
      config: options.config ?? this.config,
      tableName: this.stateTable,
      alertsTopicArn: this.topicArn,
      logger: silentLogger,
      consistentRead: true,
      ...(options.now ? { now: options.now } : {}),
    });
  }

  /** The sample Scheduler event with its time set to `at`. */
  static event(at: number): ScheduledInvocationEvent {
    return { ...SCHEDULE_EVENT, time: iso(at) };
  }

  async evaluateAt(
    at: number,
    options: { sns?: SNSClient; config?: MonitorConfig } = {},
  ): Promise<EvaluationRunSummary> {
    return this.handler(options)(EvaluatorHarness.event(at));
  }

  /** Every message waiting in the subscribed queue (removed from it), in delivery order. */
  async receive(): Promise<ReceivedAlert[]> {
    const out: ReceivedAlert[] = [];
    for (;;) {
      const { Messages } = await this.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: this.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      if (!Messages || Messages.length === 0) return out;
      for (const m of Messages) {
        const envelope = JSON.parse(m.Body ?? '{}') as {
          Subject?: string;
          Message: string;
          MessageAttributes?: Record<string, { Type: string; Value: string }>;
        };
        const attributes: Record<string, string> = {};
        for (const [k, v] of Object.entries(envelope.MessageAttributes ?? {})) attributes[k] = v.Value;
        out.push({
          subject: envelope.Subject ?? '',
          body: JSON.parse(envelope.Message) as AlertMessageBody,
          attributes,
        });
      }
      await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
        }),
      );
    }
  }

  destroy(): void {
    this.pipeline.destroy();
    this.sns.destroy();
    this.sqs.destroy();
  }
}

/** An event standing for `weight` identical events. */
export interface Weighted {
  readonly event: DriftwatchEvent;
  readonly weight: number;
}

export interface TaskTraffic {
  readonly monitor: string;
  readonly from: number;
  readonly to: number;
  /** One step's tasks share a start minute. @default MINUTE */
  readonly stepMs?: number;
  /** Tasks started at `t` that complete within 10 s and that fail. */
  readonly tasks: (t: number) => { readonly ok: number; readonly failed: number };
  readonly prefix: string;
}

/** Task traffic as weighted started + completed/failed events, one ok and one failed task per step. */
export function taskTraffic(o: TaskTraffic): Weighted[] {
  const out: Weighted[] = [];
  const step = o.stepMs ?? MINUTE;
  for (let t = o.from; t < o.to; t += step) {
    const { ok, failed } = o.tasks(t);
    for (const [status, weight] of [
      ['completed', ok],
      ['failed', failed],
    ] as const) {
      if (weight <= 0) continue;
      const taskId = `${o.prefix}-${t}-${status}`;
      out.push({
        event: {
          type: 'task',
          id: `${taskId}-s`,
          monitor: o.monitor,
          time: iso(t),
          taskId,
          status: 'started',
        },
        weight,
      });
      out.push({
        event: { type: 'task', id: `${taskId}-e`, monitor: o.monitor, time: iso(t + 10_000), taskId, status },
        weight,
      });
    }
  }
  return out;
}

/** Unweighted task events, `perMinute` evenly spread in each minute (for the real ingest path). */
export function taskEvents(o: {
  readonly monitor: string;
  readonly from: number;
  readonly to: number;
  readonly perMinute: number;
  readonly fails: (t: number) => boolean;
  readonly prefix: string;
}): DriftwatchEvent[] {
  const out: DriftwatchEvent[] = [];
  let i = 0;
  for (let minute = o.from; minute < o.to; minute += MINUTE) {
    for (let j = 0; j < o.perMinute; j++) {
      const t = minute + Math.floor((j * MINUTE) / o.perMinute);
      const taskId = `${o.prefix}-${i++}`;
      out.push({
        type: 'task',
        id: `${taskId}-s`,
        monitor: o.monitor,
        time: iso(t),
        taskId,
        status: 'started',
      });
      out.push({
        type: 'task',
        id: `${taskId}-e`,
        monitor: o.monitor,
        time: iso(t + 10_000),
        taskId,
        status: o.fails(t) ? 'failed' : 'completed',
      });
    }
  }
  return out;
}

export interface DecisionShape {
  readonly predicted: string;
  /** The label's class; no label when absent. */
  readonly actual?: string;
  readonly variant?: string;
  readonly confidence?: number;
  readonly features?: Record<string, number | string | boolean | null>;
}

/**
 * Decisions (with their labels, a minute later), `perStep` per step, all at the step's start so that a step
 * costs one minute bucket; `make(i, t)` shapes the i-th decision.
 */
export function decisionTraffic(o: {
  readonly monitor: string;
  readonly from: number;
  readonly to: number;
  readonly stepMs: number;
  readonly perStep: number;
  readonly prefix: string;
  readonly make: (i: number, t: number) => DecisionShape;
  readonly weight?: number;
}): Weighted[] {
  const out: Weighted[] = [];
  const weight = o.weight ?? 1;
  let i = 0;
  for (let t = o.from; t < o.to; t += o.stepMs) {
    for (let j = 0; j < o.perStep; j++, i++) {
      const d = o.make(i, t);
      const id = `${o.prefix}-${i}`;
      out.push({
        event: {
          type: 'decision',
          id,
          monitor: o.monitor,
          time: iso(t),
          predicted: d.predicted,
          ...(d.variant === undefined ? {} : { variant: d.variant }),
          ...(d.confidence === undefined ? {} : { confidence: d.confidence }),
          ...(d.features === undefined ? {} : { features: d.features }),
        },
        weight,
      });
      if (d.actual !== undefined) {
        out.push({
          event: {
            type: 'label',
            id: `${id}-l`,
            monitor: o.monitor,
            time: iso(t + MINUTE),
            decisionId: id,
            actual: d.actual,
          },
          weight,
        });
      }
    }
  }
  return out;
}

/** mulberry32: a small seeded PRNG, so every run generates the same traffic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal variate (Box–Muller). */
export function normal(random: () => number): number {
  const u = Math.max(random(), Number.MIN_VALUE);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
