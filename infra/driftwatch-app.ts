import { Annotations, type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { isSubscriberEndpoint, type TopicSubscribers } from './constructs/alert-topics.ts';
import { DriftwatchStack } from './driftwatch-stack.ts';
import { DEFAULT_CONFIG_PATH, loadMonitorConfig } from './monitor-config.ts';
import { resolveStage } from './stage.ts';

/** A context value (`-c key=value`) the app cannot use; the message names the key and the value. */
export class ContextError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ContextError';
  }
}

/**
 * The context keys `cdk synth` / `cdk deploy` understand (`-c key=value`, or `context` in cdk.json).
 */
export const CONTEXT_KEYS = {
  /** Deployment stage. Default `dev`; `prod` always retains data. */
  stage: 'stage',
  /** Monitor configuration file. Default `config/driftwatch.example.yaml`. */
  config: 'config',
  /** `true` to delete tables, reports and keys with the stack (refused for `prod`). Default false. */
  destroyData: 'destroyData',
  /** Comma-separated e-mail addresses / https:// URLs subscribed to the alerts topic. */
  alertsSubscribers: 'alertsSubscribers',
  /** … to the reports topic. */
  reportsSubscribers: 'reportsSubscribers',
  /** … to the operations (pipeline health) topic. */
  operationsSubscribers: 'operationsSubscribers',
} as const;

/**
 * Adds the driftwatch stack for the stage chosen by context to `app`, with the AWS Solutions cdk-nag checks.
 * Stack name: `driftwatch-<stage>`, so stages can share an account.
 *
 * @throws {ConfigError} when the monitor configuration is invalid (message: file, path, reason);
 * {StageError} for a bad stage or a refused removal request; {Error} for a bad subscriber.
 */
export function buildDriftwatchApp(app: App): DriftwatchStack {
  const context = (key: string): unknown => app.node.tryGetContext(key);
  const stage = resolveStage({
    name: optionalString(context(CONTEXT_KEYS.stage), CONTEXT_KEYS.stage),
    destroyData: optionalBoolean(context(CONTEXT_KEYS.destroyData), CONTEXT_KEYS.destroyData),
  });
  const monitorConfig = loadMonitorConfig(
    optionalString(context(CONTEXT_KEYS.config), CONTEXT_KEYS.config) ?? DEFAULT_CONFIG_PATH,
  );
  const subscribers: TopicSubscribers = {
    alerts: subscriberList(context(CONTEXT_KEYS.alertsSubscribers), CONTEXT_KEYS.alertsSubscribers),
    reports: subscriberList(context(CONTEXT_KEYS.reportsSubscribers), CONTEXT_KEYS.reportsSubscribers),
    operations: subscriberList(
      context(CONTEXT_KEYS.operationsSubscribers),
      CONTEXT_KEYS.operationsSubscribers,
    ),
  };

  const stack = new DriftwatchStack(app, `driftwatch-${stage.name}`, {
    description: `driftwatch (${stage.name}): drift and SLO alerting for AI agents`,
    stage,
    monitorConfig,
    subscribers,
  });
  Tags.of(stack).add('project', 'driftwatch');
  Tags.of(stack).add('stage', stage.name);
  for (const warning of monitorConfig.warnings) {
    Annotations.of(stack).addWarningV2('driftwatch:config', warning);
  }
  // cdk-nag 3 runs as a policy-validation plugin at synth: any unacknowledged finding fails the synth.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return stack;
}

function optionalString(value: unknown, key: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ContextError(`context ${key} must be a non-empty string (got ${JSON.stringify(value)})`);
  }
  return value.trim();
}

function optionalBoolean(value: unknown, key: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new ContextError(`context ${key} must be true or false (got ${JSON.stringify(value)})`);
}

/** `a@x.org,https://hook` from the command line, or an array from cdk.json; each entry checked here. */
function subscriberList(value: unknown, key: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
  const expected = 'a comma-separated list of e-mail addresses and https:// URLs';
  if (items === undefined || !items.every((item): item is string => typeof item === 'string')) {
    throw new ContextError(`context ${key} must be ${expected} (got ${JSON.stringify(value)})`);
  }
  const endpoints = items.map((item) => item.trim()).filter((item) => item.length > 0);
  for (const endpoint of endpoints) {
    if (!isSubscriberEndpoint(endpoint)) {
      throw new ContextError(`context ${key} must be ${expected} (got ${JSON.stringify(endpoint)})`);
    }
  }
  return endpoints;
}
