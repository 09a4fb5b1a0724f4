import { Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { arnInFinding } from './nag-findings.ts';

/**
 * The role EventBridge Scheduler assumes to invoke `fn`: only the scheduler service of this account may
 * assume it. (LambdaInvoke would create one per function at stack level; owning it here keeps the role,
 * its grant and the acknowledgment of its finding together.)
 */
export function schedulerRoleFor(scope: Construct, fn: IFunction): Role {
  const role = new Role(scope, 'SchedulerRole', {
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
    description: 'EventBridge Scheduler: invoke one driftwatch function',
  });
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${arnInFinding(fn)}:*]`,
    reason:
      'Granted by the Scheduler LambdaInvoke target: lambda:InvokeFunction on this one function and its versions / aliases (ARN suffix :*), nothing else.',
  });
  return role;
}
