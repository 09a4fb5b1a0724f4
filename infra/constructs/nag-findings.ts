import { CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag findings acknowledged in more than one place. cdk-nag 3 reports each finding of a granular rule
 * separately (`AwsSolutions-IAM5[Resource::…]`), and `Validations.of(x).acknowledge()` must name it exactly,
 * so a wildcard added later is still reported.
 */
export interface FindingAcknowledgment {
  readonly id: string;
  readonly reason: string;
}

/**
 * How cdk-nag writes the ARN of a resource of this stack in a finding: `<LogicalId.Arn>`.
 * @throws {Error} for a construct without a CloudFormation resource of its own (e.g. an imported one).
 */
export function arnInFinding(construct: IConstruct): string {
  const resource = construct.node.defaultChild;
  if (!(resource instanceof CfnElement)) {
    throw new Error(`${construct.node.path} has no CloudFormation resource of its own to name in a finding`);
  }
  return `<${Stack.of(construct).getLogicalId(resource)}.Arn>`;
}

/**
 * Why the KMS action wildcards CDK's grants on encrypted tables and topics use are acceptable; every such
 * statement is scoped to one key's ARN.
 */
export const KMS_ACTION_FAMILIES: readonly FindingAcknowledgment[] = [
  {
    id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
    reason:
      'Granted by CDK for writing to a KMS-encrypted table or topic and scoped to that one key ARN; the wildcard only spans GenerateDataKey and GenerateDataKeyWithoutPlaintext.',
  },
  {
    id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
    reason:
      'Granted by CDK for writing to a KMS-encrypted table and scoped to that one key ARN; the wildcard only spans ReEncryptFrom and ReEncryptTo of the same key.',
  },
];
