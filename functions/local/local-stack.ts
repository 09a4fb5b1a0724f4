import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MonitorConfig } from '../domain/config/config-types.ts';
import { foldOptionsLookup } from '../domain/counters/fold-options-from-config.ts';
import { EvaluationRunError, type EvaluationRunSummary } from '../evaluator/evaluate-monitors.ts';
import { createAggregateHandler } from '../handlers/aggregate.ts';
import { createEvaluateHandler } from '../handlers/evaluate.ts';
import { createIngestHandler } from '../handlers/ingest.ts';
import { ensureTables, type TableNames } from '../store/ensure-tables.ts';
import type { StoreLogger } from '../store/logger.ts';
import { StreamPoller } from '../store/stream-poller.ts';
import { AlertPrinter, type ReceivedAlert } from './alert-printer.ts';
import { consoleLogger } from './console-logger.ts';
import { DashboardSource } from './dashboard-data.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from './dynamodb-local.ts';
import { EvaluatorLoop, type ScheduledEvaluationEvent, scheduledEvent } from './evaluator-loop.ts';
import { startLocalServer } from './http-server.ts';
import { startMessaging } from './messaging.ts';
import { resolvePort } from './ports.ts';

/**
 * The whole driftwatch pipeline on this machine, wired as in AWS but with local stand-ins for the managed
 * services: DynamoDB Local for the tables (created from the shared table definitions), fauxqs for SNS/SQS,
 * a Node HTTP server for API Gateway, a stream poller for Lambda's event source mapping and a timer for
 * EventBridge Scheduler. The handlers are the real ones (`createIngestHandler`, `createAggregateHandler`,
 * `createEvaluateHandler`), built with the same factories the Lambda entry points use.
 */

export const DEFAULT_HTTP_PORT = 3000;
export const DEFAULT_DYNAMODB_PORT = 8000;
export const DEFAULT_EMULATOR_PORT = 4566;

/** Table names of the local stack (fixed, so `--data DIR` finds its tables again). */
export const LOCAL_TABLES: TableNames = { events: 'driftwatch-events', state: 'driftwatch-state' };

export interface PortOption {
  readonly port: number;
  /** The user chose it: fail when taken instead of falling back to a free port. */
  readonly explicit: boolean;
}

export interface LocalStackOptions {
  readonly config: MonitorConfig;
  readonly configPath: string;
  readonly httpPort: PortOption;
  readonly dynamodbPort: PortOption;
  readonly emulatorPort: PortOption;
  /** Persist DynamoDB Local's data here; in memory when absent. */
  readonly dataDir?: string;
  /**
   * Evaluate on this cadence (ms) with a local scheduler; null: only when {@link LocalStack.evaluate} is called
   * (the demo drives simulated time itself).
   */
  readonly evaluateEveryMs: number | null;
  /** Poll the Events stream on this cadence (ms); null: only on {@link LocalStack.drainStream}. */
  readonly streamPollMs: number | null;
  /** Print (or record) alerts as they arrive; with `autoReceive` false only on {@link LocalStack.drainAlerts}. */
  readonly onAlert: (alert: ReceivedAlert) => void;
  readonly autoReceiveAlerts: boolean;
  /** How far back the dashboard's charts go. */
  readonly dashboardHistoryMs: number;
  readonly dashboardRefreshSeconds: number;
  readonly dashboardTitle?: string;
  /** Informational output (startup steps, evaluation errors). */
  readonly log: (line: string) => void;
  readonly verbose?: boolean;
  /** Strongly consistent reads in the evaluator (the demo reads right after its writes). */
  readonly consistentRead?: boolean;
}

export interface LocalStackUrls {
  /** POST events here. */
  readonly events: string;
  readonly dashboard: string;
  readonly dashboardJson: string;
  readonly dynamodb: string;
  readonly snsSqs: string;
}

export interface LocalStack {
  readonly urls: LocalStackUrls;
  readonly tables: TableNames;
  readonly alertsTopicArn: string;
  readonly alertsQueueUrl: string;
  /** The DynamoDB Local java process id. */
  readonly dynamodbPid: number | undefined;
  /** Whether the tables already existed (a `--data` directory from an earlier run). */
  readonly reusedData: boolean;
  readonly doc: DynamoDBDocumentClient;
  /** Runs the evaluate handler for a scheduled event at `time` (epoch ms). */
  evaluate(time: number): Promise<EvaluationRunSummary>;
  /** Feeds every stream record written so far to the aggregate handler; returns the records delivered. */
  drainStream(): Promise<number>;
  /** Receives and hands to onAlert every alert already in the queue; returns how many. */
  drainAlerts(): Promise<number>;
  /** Stops everything, in order; safe to call more than once. */
  stop(): Promise<void>;
}

/** Runs `stop` steps in order, remembering the first failure but running them all. */
async function stopAll(steps: readonly (() => Promise<unknown>)[]): Promise<void> {
  let first: unknown;
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      first ??= error;
    }
  }
  if (first !== undefined) throw first;
}

/**
 * Starts the local stack and resolves when every part serves (about 5 s, most of it java starting). On a
 * failure, whatever was started is stopped again before the error is rethrown.
 *
 * @throws {Error} when a port is taken, java is missing, or a service does not come up.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const cleanup: (() => Promise<unknown>)[] = [];
  const undo = async () => {
    await stopAll([...cleanup].reverse()).catch(() => {});
  };
  try {
    const [httpPort, dynamodbPort, emulatorPort] = await Promise.all([
      resolvePort({ ...options.httpPort, purpose: 'HTTP API and dashboard' }),
      resolvePort({ ...options.dynamodbPort, purpose: 'DynamoDB Local' }),
      resolvePort({ ...options.emulatorPort, purpose: 'SNS/SQS emulator' }),
    ]);
    options.log(
      `starting DynamoDB Local${options.dataDir ? ` (data in ${options.dataDir})` : ' (in memory)'} and the SNS/SQS emulator…`,
    );
    const [dynamoResult, messagingResult] = await Promise.allSettled([
      startDynamoDbLocal({ port: dynamodbPort, ...(options.dataDir ? { dataDir: options.dataDir } : {}) }),
      startMessaging({ port: emulatorPort }),
    ]);
    if (dynamoResult.status === 'fulfilled') cleanup.push(() => dynamoResult.value.stop());
    if (messagingResult.status === 'fulfilled') cleanup.push(() => messagingResult.value.stop());
    if (dynamoResult.status === 'rejected') throw dynamoResult.reason;
    if (messagingResult.status === 'rejected') throw messagingResult.reason;
    const dynamo = dynamoResult.value;
    const messaging = messagingResult.value;

    const clientConfig = { endpoint: dynamo.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
    const dynamodb = new DynamoDBClient(clientConfig);
    const streams = new DynamoDBStreamsClient(clientConfig);
    const doc = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
    cleanup.push(async () => {
      dynamodb.destroy();
      streams.destroy();
    });
    const existing = await dynamodb.send(new ListTablesCommand({}));
    const reusedData = (existing.TableNames ?? []).includes(LOCAL_TABLES.events);
    await ensureTables(dynamodb, LOCAL_TABLES);

    const verbose = options.verbose ?? false;
    const logger = (component: string): StoreLogger =>
      consoleLogger(component, { verbose, write: options.log });
    const known = new Set(options.config.monitors.map((m) => m.name));
    const ingest = createIngestHandler({
      client: doc,
      tableName: LOCAL_TABLES.events,
      isKnownMonitor: (m) => known.has(m),
      logger: logger('ingest'),
    });
    const aggregate = createAggregateHandler({
      client: doc,
      tableName: LOCAL_TABLES.state,
      foldOptionsFor: foldOptionsLookup(options.config),
      logger: logger('aggregate'),
    });
    const evaluateHandler = createEvaluateHandler({
      dynamo: doc,
      sns: messaging.sns,
      config: options.config,
      tableName: LOCAL_TABLES.state,
      alertsTopicArn: messaging.alertsTopicArn,
      logger: logger('evaluate'),
      ...(options.consistentRead ? { consistentRead: true } : {}),
    });
    // Records written before a restart were aggregated before the last stop (see stop below): a reused table
    // is read from its latest position, so they are not delivered, and counted, a second time.
    const poller = await StreamPoller.forTable(streams, LOCAL_TABLES.events, (event) => aggregate(event), {
      maxBatchSize: 1000,
      startingPosition: reusedData ? 'LATEST' : 'TRIM_HORIZON',
      logger: logger('stream'),
    });

    const printer = new AlertPrinter({
      sqs: messaging.sqs,
      queueUrl: messaging.alertsQueueUrl,
      onAlert: options.onAlert,
      onError: (error) => options.log(`[alerts] cannot read the alerts queue: ${String(error)}`),
    });

    const dashboard = new DashboardSource({
      deps: { client: doc, tableName: LOCAL_TABLES.state },
      config: options.config,
      configPath: options.configPath,
      historyMs: options.dashboardHistoryMs,
    });
    const server = await startLocalServer(
      {
        ingest,
        dashboard,
        refreshSeconds: options.dashboardRefreshSeconds,
        ...(options.dashboardTitle ? { title: options.dashboardTitle } : {}),
        ...(verbose
          ? { onRequest: (r) => options.log(`[http] ${r.method} ${r.path} ${r.status} ${r.ms} ms`) }
          : {}),
      },
      httpPort,
    );
    cleanup.push(() => server.close());

    // The handler's summary carries each monitor's evaluation: the dashboard shows every run at once.
    const runHandler = async (event: ScheduledEvaluationEvent): Promise<EvaluationRunSummary> => {
      try {
        const summary = await evaluateHandler(event);
        dashboard.recordEvaluations(summary.monitors.flatMap((m) => (m.ok ? [m.evaluation] : [])));
        return summary;
      } catch (error) {
        if (error instanceof EvaluationRunError) {
          dashboard.recordEvaluations(error.summary.monitors.flatMap((m) => (m.ok ? [m.evaluation] : [])));
        }
        throw error;
      }
    };
    const evaluate = (time: number) => runHandler(scheduledEvent(time));
    const loop =
      options.evaluateEveryMs === null
        ? undefined
        : new EvaluatorLoop({
            intervalMs: options.evaluateEveryMs,
            evaluate: runHandler,
            onError: (error, event) =>
              options.log(
                `[evaluate] evaluation as of ${event.time} failed: ${error instanceof Error ? error.message : String(error)}`,
              ),
          });

    // Stop order: no new events (HTTP), no new evaluations, then the stream read to its end so a restart with
    // --data starts after it, then the alerts still queued printed, then the services.
    let stopping: Promise<void> | undefined;
    const stopSteps = [
      () => server.close(),
      () => loop?.stop() ?? Promise.resolve(),
      () => poller.stop(),
      () => poller.drain(),
      () => printer.stop(),
      () => printer.drain(),
      async () => {
        dynamodb.destroy();
        streams.destroy();
      },
      () => messaging.stop(),
      () => dynamo.stop(),
    ];
    if (options.streamPollMs !== null) poller.start(options.streamPollMs);
    if (options.autoReceiveAlerts) printer.start();
    loop?.start();
    const base = server.url;
    return {
      urls: {
        events: `${base}/events`,
        dashboard: `${base}/`,
        dashboardJson: `${base}/api/dashboard.json`,
        dynamodb: dynamo.endpoint,
        snsSqs: messaging.endpoint,
      },
      tables: LOCAL_TABLES,
      alertsTopicArn: messaging.alertsTopicArn,
      alertsQueueUrl: messaging.alertsQueueUrl,
      dynamodbPid: dynamo.pid,
      reusedData,
      doc,
      evaluate,
      drainStream: () => poller.drain(),
      drainAlerts: () => printer.drain(),
      stop() {
        stopping ??= stopAll(stopSteps);
        return stopping;
      },
    };
  } catch (error) {
    await undo();
    throw error;
  }
}
