/**
 * The names of the environment variables the CDK app sets on the Lambda functions and the handlers read.
 * One constant, imported by both sides, so a renamed variable is a type error instead of an `undefined`
 * at run time. Which function receives which variable is decided in `infra/` (least privilege: a function
 * only learns the names of the resources it is allowed to touch).
 *
 * This file must stay free of CDK imports: the handlers import it and it is bundled into every function.
 */
export const FUNCTION_ENVIRONMENT = {
  /** Name of the Events table (raw events, one item per producer id / decision id / task id). */
  eventsTableName: 'EVENTS_TABLE_NAME',
  /** Name of the State table (counter buckets, alert state, batch receipts). */
  stateTableName: 'STATE_TABLE_NAME',
  /** ARN of the SNS topic that receives alert transitions (firing / resolved / re-notify). */
  alertsTopicArn: 'ALERTS_TOPIC_ARN',
  /** ARN of the SNS topic that announces a new weekly report. */
  reportsTopicArn: 'REPORTS_TOPIC_ARN',
  /** Name of the S3 bucket the weekly reports are archived in. */
  reportBucketName: 'REPORT_BUCKET_NAME',
  /**
   * The monitor configuration, validated at synth, as JSON text. Set when it fits in Lambda's 4 KB
   * environment; otherwise `configFile` is set instead. Exactly one of the two is present.
   */
  config: 'DRIFTWATCH_CONFIG',
  /** Absolute path of the same JSON, bundled next to the handler, when it is too large for `config`. */
  configFile: 'DRIFTWATCH_CONFIG_FILE',
  /** Powertools: service name of logs and metrics (one per function). */
  powertoolsServiceName: 'POWERTOOLS_SERVICE_NAME',
  /** Powertools: CloudWatch namespace of the EMF metrics (`Driftwatch`). */
  powertoolsMetricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
} as const;

export type FunctionEnvironmentKey = keyof typeof FUNCTION_ENVIRONMENT;
export type FunctionEnvironmentName = (typeof FUNCTION_ENVIRONMENT)[FunctionEnvironmentKey];

/** The CloudWatch namespace the functions publish their EMF metrics in; the dashboard reads it. */
export const METRICS_NAMESPACE = 'Driftwatch';
