import { fileURLToPath } from 'node:url';

/** The repository root: NodejsFunction's `projectRoot` and the base of every entry path. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

const handler = (name: string): string =>
  fileURLToPath(new URL(`../functions/handlers/${name}.ts`, import.meta.url));

/**
 * The source file of each Lambda handler (each exports `handler`). Absolute paths, so synth works from any
 * working directory.
 */
export const HANDLER_ENTRIES = {
  /** API Gateway HTTP API (payload v2) → validate and store events. */
  ingest: handler('ingest'),
  /** DynamoDB stream of the Events table → counters in the State table. */
  aggregate: handler('aggregate'),
  /** EventBridge Scheduler, every minute → SLIs, burn rates, drift, alerts. */
  evaluate: handler('evaluate'),
  /** EventBridge Scheduler, weekly → governance report in S3 + SNS. */
  report: handler('report'),
} as const;

export type HandlerName = keyof typeof HANDLER_ENTRIES;
