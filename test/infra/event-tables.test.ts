import { Match } from 'aws-cdk-lib/assertions';
import { describe, test } from 'vitest';
import { TTL_ATTRIBUTE } from '../../functions/store/table-definitions.ts';
import { logicalIdOf, synthDriftwatch } from './synth.ts';

const TABLES = ['events', 'state'] as const;

describe('Construct: EventTables', () => {
  test.each(TABLES)('the %s table is encrypted with the customer managed data key', (table) => {
    // Prepare
    const { template, stack } = synthDriftwatch();

    // Act
    const tableId = logicalIdOf(stack.tables[table]);
    const keyId = logicalIdOf(stack.node.findChild('DataKey'));

    // Assess
    template.templateMatches({
      Resources: {
        [tableId]: Match.objectLike({
          Properties: Match.objectLike({
            SSESpecification: {
              SSEEnabled: true,
              SSEType: 'KMS',
              KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
            },
          }),
        }),
      },
    });
  });

  test.each(TABLES)('the %s table has point-in-time recovery', (table) => {
    // Prepare
    const { template, stack } = synthDriftwatch();

    // Act
    const tableId = logicalIdOf(stack.tables[table]);

    // Assess
    template.templateMatches({
      Resources: {
        [tableId]: Match.objectLike({
          Properties: Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        }),
      },
    });
  });

  test.each(TABLES)(`the %s table is on-demand and expires items by ${TTL_ATTRIBUTE}`, (table) => {
    // Prepare
    const { template, stack } = synthDriftwatch();

    // Act
    const tableId = logicalIdOf(stack.tables[table]);

    // Assess
    template.templateMatches({
      Resources: {
        [tableId]: Match.objectLike({
          Properties: Match.objectLike({
            BillingMode: 'PAY_PER_REQUEST',
            TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
          }),
        }),
      },
    });
  });

  test('the Events table streams new and old images', () => {
    // Prepare
    const { template, stack } = synthDriftwatch();

    // Act
    const tableId = logicalIdOf(stack.tables.events);

    // Assess
    template.templateMatches({
      Resources: {
        [tableId]: Match.objectLike({
          Properties: Match.objectLike({ StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } }),
        }),
      },
    });
  });

  test('the data key rotates yearly', () => {
    // Prepare
    const { template, stack } = synthDriftwatch();

    // Act
    const keyId = logicalIdOf(stack.node.findChild('DataKey'));

    // Assess
    template.templateMatches({
      Resources: { [keyId]: Match.objectLike({ Properties: Match.objectLike({ EnableKeyRotation: true }) }) },
    });
  });
});
