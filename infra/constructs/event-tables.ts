import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import {
  EVENTS_TABLE,
  type KeyAttribute,
  STATE_TABLE,
  type TableDefinition,
} from '../../functions/store/table-definitions.ts';

export interface EventTablesProps {
  /**
   * Customer managed key both tables are encrypted with.
   *
   * Why not the AWS managed `aws/dynamodb` key: the Events table holds decision inputs (features), which may
   * be personal data. With a customer managed key the account owner decides in the key policy who may
   * decrypt, can audit every use in CloudTrail, and can make the data unreadable at once by disabling or
   * scheduling deletion of the key (crypto-shredding) when a monitor is decommissioned. The cost is $1 per
   * month; DynamoDB caches table keys, so KMS requests stay negligible at any traffic.
   */
  readonly encryptionKey: IKey;
  /**
   * What happens to the tables when they leave the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The Events table (raw events, one item per decision / task, streamed with new and old images) and the
 * State table (counter buckets, batch receipts, alert state). Both on-demand, point-in-time recovery on,
 * KMS-encrypted, TTL on `expiresAt`. Key schema, TTL attribute and stream come from
 * `functions/store/table-definitions.ts`, the definition the local stack uses too.
 */
export class EventTables extends Construct {
  readonly events: Table;
  readonly state: Table;

  constructor(scope: Construct, id: string, props: EventTablesProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.events = tableFrom(this, EVENTS_TABLE, props.encryptionKey, removalPolicy);
    this.state = tableFrom(this, STATE_TABLE, props.encryptionKey, removalPolicy);
  }
}

function tableFrom(
  scope: Construct,
  definition: TableDefinition,
  key: IKey,
  removalPolicy: RemovalPolicy,
): Table {
  return new Table(scope, definition.id, {
    partitionKey: attribute(definition.partitionKey),
    sortKey: definition.sortKey === undefined ? undefined : attribute(definition.sortKey),
    billingMode:
      definition.billingMode === 'PAY_PER_REQUEST' ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED,
    timeToLiveAttribute: definition.timeToLiveAttribute,
    stream: definition.stream === 'NEW_AND_OLD_IMAGES' ? StreamViewType.NEW_AND_OLD_IMAGES : undefined,
    encryption: TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    // A retained table is also protected from deletion outside CloudFormation (console, CLI).
    deletionProtection: removalPolicy !== RemovalPolicy.DESTROY,
    removalPolicy,
  });
}

function attribute(key: KeyAttribute): { name: string; type: AttributeType } {
  const type = { S: AttributeType.STRING, N: AttributeType.NUMBER, B: AttributeType.BINARY }[key.type];
  return { name: key.name, type };
}
