import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { planConfigDelivery } from './config-delivery.ts';
import { AlertTopics, type TopicSubscribers } from './constructs/alert-topics.ts';
import { Dashboard } from './constructs/dashboard.ts';
import type { DriftwatchFunction } from './constructs/driftwatch-function.ts';
import { Evaluator } from './constructs/evaluator.ts';
import { EventTables } from './constructs/event-tables.ts';
import { IngestApi, type IngestThrottle } from './constructs/ingest-api.ts';
import { PipelineAlarms } from './constructs/pipeline-alarms.ts';
import type {
  Heartbeat,
  PipelineHealthSources,
  WatchedFunction,
  WatchedQueue,
} from './constructs/pipeline-health.ts';
import { ReportArchive } from './constructs/report-archive.ts';
import { StreamAggregator } from './constructs/stream-aggregator.ts';
import { WeeklyReport } from './constructs/weekly-report.ts';
import { HANDLER_ENTRIES } from './handler-entries.ts';
import type { LoadedMonitorConfig } from './monitor-config.ts';
import type { Stage } from './stage.ts';

export type HandlerEntries = { readonly [K in keyof typeof HANDLER_ENTRIES]: string };

export interface DriftwatchStackProps extends StackProps {
  readonly stage: Stage;
  /** The validated monitor configuration. */
  readonly monitorConfig: LoadedMonitorConfig;
  /** @default - no subscriptions */
  readonly subscribers?: TopicSubscribers;
  /** @default DEFAULT_INGEST_THROTTLE */
  readonly ingestThrottle?: IngestThrottle;
  /** Handler source files. @default HANDLER_ENTRIES (functions/handlers/*.ts) */
  readonly entries?: Partial<HandlerEntries>;
}

/**
 * driftwatch in one stack: ingest API → Events table → stream aggregator → State table → evaluator
 * (every minute) → alerts topic; weekly report → S3 + reports topic; dashboard and pipeline alarms.
 */
export class DriftwatchStack extends Stack {
  readonly tables: EventTables;
  readonly topics: AlertTopics;
  readonly archive: ReportArchive;
  readonly ingest: IngestApi;
  readonly aggregator: StreamAggregator;
  readonly evaluator: Evaluator;
  readonly weeklyReport: WeeklyReport;
  readonly dashboard: Dashboard;
  readonly alarms: PipelineAlarms;

  constructor(scope: Construct, id: string, props: DriftwatchStackProps) {
    super(scope, id, props);
    const entries: HandlerEntries = { ...HANDLER_ENTRIES, ...props.entries };
    const removalPolicy = props.stage.dataRemovalPolicy;
    const config = planConfigDelivery(props.monitorConfig.json);

    const dataKey = new Key(this, 'DataKey', {
      description: 'driftwatch: encrypts the Events and State tables',
      enableKeyRotation: true,
      removalPolicy,
    });
    this.tables = new EventTables(this, 'Tables', { encryptionKey: dataKey, removalPolicy });
    this.topics = new AlertTopics(this, 'Topics', {
      subscribers: props.subscribers,
      keyRemovalPolicy: removalPolicy,
    });
    this.archive = new ReportArchive(this, 'ReportArchive', { removalPolicy });

    this.ingest = new IngestApi(this, 'IngestApi', {
      entry: entries.ingest,
      eventsTable: this.tables.events,
      config,
      throttle: props.ingestThrottle,
      logRemovalPolicy: removalPolicy,
    });
    this.aggregator = new StreamAggregator(this, 'StreamAggregator', {
      entry: entries.aggregate,
      eventsTable: this.tables.events,
      stateTable: this.tables.state,
      config,
      logRemovalPolicy: removalPolicy,
    });

    const functions: WatchedFunction[] = [
      watch('ingest', this.ingest.handler),
      watch('aggregate', this.aggregator.handler),
    ];
    const failureQueues: WatchedQueue[] = [
      { name: 'failed-stream-batches', queue: this.aggregator.failureQueue },
    ];
    this.evaluator = new Evaluator(this, 'Evaluator', {
      entry: entries.evaluate,
      interval: Duration.minutes(props.monitorConfig.evaluationIntervalMs / 60_000),
      stateTable: this.tables.state,
      alertsTopic: this.topics.alerts,
      config,
      logRemovalPolicy: removalPolicy,
    });
    this.weeklyReport = new WeeklyReport(this, 'WeeklyReport', {
      entry: entries.report,
      stateTable: this.tables.state,
      bucket: this.archive.bucket,
      reportsTopic: this.topics.reports,
      config,
      logRemovalPolicy: removalPolicy,
    });
    const heartbeat: Heartbeat = {
      watched: watch('evaluate', this.evaluator.handler),
      every: this.evaluator.interval,
    };
    functions.push(heartbeat.watched, {
      ...watch('report', this.weeklyReport.handler),
      // The weekly run and Lambda's two retries (1 and 2 minutes apart) all failed.
      errorAlarm: { period: Duration.minutes(15), threshold: 3, evaluationPeriods: 1 },
    });
    failureQueues.push(
      { name: 'undelivered-evaluations', queue: this.evaluator.failureQueue },
      { name: 'undelivered-reports', queue: this.weeklyReport.failureQueue },
    );

    const health: PipelineHealthSources = {
      ingestApi: this.ingest.api,
      streamConsumer: this.aggregator.handler.function,
      functions,
      failureQueues,
      heartbeat,
    };
    this.dashboard = new Dashboard(this, 'Dashboard', { monitors: props.monitorConfig.monitors, health });
    this.alarms = new PipelineAlarms(this, 'PipelineAlarms', { health, topic: this.topics.operations });

    new CfnOutput(this, 'IngestUrl', {
      description: 'POST events here (SigV4-signed)',
      value: this.ingest.eventsUrl,
    });
    new CfnOutput(this, 'ProducerPolicyArn', {
      description: 'Attach to producer roles to allow POST /events',
      value: this.ingest.producerPolicy.managedPolicyArn,
    });
    new CfnOutput(this, 'AlertsTopicArn', { value: this.topics.alerts.topicArn });
    new CfnOutput(this, 'ReportsTopicArn', { value: this.topics.reports.topicArn });
    new CfnOutput(this, 'OperationsTopicArn', { value: this.topics.operations.topicArn });
    new CfnOutput(this, 'ReportBucketName', { value: this.archive.bucket.bucketName });
    new CfnOutput(this, 'DashboardUrl', { value: this.dashboard.url });
  }
}

function watch(name: string, handler: DriftwatchFunction): WatchedFunction {
  return { name, function: handler.function, timeout: handler.timeout };
}
