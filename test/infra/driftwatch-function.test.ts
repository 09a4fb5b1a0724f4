import { Match } from 'aws-cdk-lib/assertions';
import { describe, test } from 'vitest';
import type { DriftwatchFunction } from '../../infra/constructs/driftwatch-function.ts';
import type { DriftwatchStack } from '../../infra/driftwatch-stack.ts';
import { FUNCTION_ENVIRONMENT, METRICS_NAMESPACE } from '../../infra/function-environment.ts';
import { logicalIdOf, present, synthDriftwatch } from './synth.ts';

type FunctionCase = readonly [
  service: string,
  handler: (stack: DriftwatchStack) => DriftwatchFunction,
  memorySize: number,
  timeoutSeconds: number,
];

const FUNCTIONS: readonly FunctionCase[] = [
  ['ingest', (stack) => stack.ingest.handler, 512, 10],
  ['aggregate', (stack) => stack.aggregator.handler, 1024, 60],
  ['evaluate', (stack) => present(stack.evaluator, 'an evaluator').handler, 1024, 50],
  ['report', (stack) => present(stack.weeklyReport, 'a weekly report').handler, 1024, 300],
];

function functionMatches(
  handler: (stack: DriftwatchStack) => DriftwatchFunction,
  properties: Record<string, unknown>,
) {
  const { template, stack } = synthDriftwatch();
  template.templateMatches({
    Resources: {
      [logicalIdOf(handler(stack).function)]: Match.objectLike({ Properties: Match.objectLike(properties) }),
    },
  });
}

describe('Construct: DriftwatchFunction', () => {
  test.each(FUNCTIONS)(
    'the %s function runs Node.js 22 on arm64 with an ESM handler',
    (_service, handler) => {
      // Prepare
      const runtime = { Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' };

      // Act + Assess
      functionMatches(handler, runtime);
    },
  );

  test.each(FUNCTIONS)('the %s function is traced with X-Ray', (_service, handler) => {
    // Prepare
    const tracing = { TracingConfig: { Mode: 'Active' } };

    // Act + Assess
    functionMatches(handler, tracing);
  });

  test.each(FUNCTIONS)(
    'the %s function logs JSON to its own log group, kept 30 days',
    (_service, handler) => {
      // Prepare
      const { template, stack } = synthDriftwatch();
      const logGroupId = logicalIdOf(handler(stack).logGroup);

      // Act
      const logging = {
        LoggingConfig: Match.objectLike({ LogFormat: 'JSON', LogGroup: { Ref: logGroupId } }),
      };

      // Assess
      functionMatches(handler, logging);
      template.templateMatches({
        Resources: { [logGroupId]: Match.objectLike({ Properties: { RetentionInDays: 30 } }) },
      });
    },
  );

  test.each(FUNCTIONS)(
    'the %s function names its Powertools service and metrics namespace',
    (service, handler) => {
      // Prepare
      const variables = {
        [FUNCTION_ENVIRONMENT.powertoolsServiceName]: service,
        [FUNCTION_ENVIRONMENT.powertoolsMetricsNamespace]: METRICS_NAMESPACE,
      };

      // Act + Assess
      functionMatches(handler, { Environment: { Variables: Match.objectLike(variables) } });
    },
  );

  test.each(FUNCTIONS)(
    'the %s function has %i MB of memory and a %i s timeout',
    (_service, handler, memory, timeout) => {
      // Prepare
      const sizing = { MemorySize: memory, Timeout: timeout };

      // Act + Assess
      functionMatches(handler, sizing);
    },
  );

  test.each([
    ['ingest', (stack: DriftwatchStack) => stack.ingest.handler, FUNCTION_ENVIRONMENT.eventsTableName],
    ['aggregate', (stack: DriftwatchStack) => stack.aggregator.handler, FUNCTION_ENVIRONMENT.stateTableName],
    [
      'evaluate',
      (stack: DriftwatchStack) => present(stack.evaluator, 'an evaluator').handler,
      FUNCTION_ENVIRONMENT.alertsTopicArn,
    ],
    [
      'report',
      (stack: DriftwatchStack) => present(stack.weeklyReport, 'a weekly report').handler,
      FUNCTION_ENVIRONMENT.reportBucketName,
    ],
  ] as const)('the %s function is told the resource it works on in %s', (_service, handler, variable) => {
    // Prepare
    const environment = { Environment: { Variables: Match.objectLike({ [variable]: Match.anyValue() }) } };

    // Act + Assess
    functionMatches(handler, environment);
  });
});
