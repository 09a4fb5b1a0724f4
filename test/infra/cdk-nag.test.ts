import type { PolicyViolation } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, test } from 'vitest';
import { buildDriftwatchApp } from '../../infra/driftwatch-app.ts';
import { driftwatchApp, synthDriftwatch } from './synth.ts';

/** Unacknowledged AwsSolutions findings (errors and warnings), as `rule @ construct path` lines. */
function findings(violations: readonly PolicyViolation[]): string[] {
  return violations.flatMap((violation) =>
    violation.violatingResources.map(
      (resource) => `${violation.ruleName} @ ${resource.constructPath ?? resource.resourceLogicalId}`,
    ),
  );
}

describe('AwsSolutions checks (cdk-nag)', () => {
  test.each([
    ['the default dev stage', {}],
    ['the prod stage', { stage: 'prod' }],
    ['a dev stage that destroys its data', { stage: 'dev', destroyData: 'true' }],
    [
      'a stage with e-mail and https subscribers',
      { alertsSubscribers: 'oncall@example.com,https://hooks.example.com/x' },
    ],
  ])('%s has no unacknowledged finding', (_what, context) => {
    // Prepare
    const { stack } = synthDriftwatch(context);

    // Act
    const report = new AwsSolutionsChecks().validateScope(stack);

    // Assess
    expect(findings(report.violations)).toEqual([]);
  });

  test('a finding nobody acknowledged is reported (the check above can fail)', () => {
    // Prepare
    const app = driftwatchApp();
    const stack = buildDriftwatchApp(app);
    new Queue(stack, 'UnencryptedQueue');

    // Act
    const report = new AwsSolutionsChecks().validateScope(stack);

    // Assess
    expect(findings(report.violations)).toContain(
      'AwsSolutions-SQS4 @ driftwatch-dev/UnencryptedQueue/Resource',
    );
  });
});
