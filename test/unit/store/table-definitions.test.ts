import { describe, expect, test } from 'vitest';
import {
  createTableInput,
  EVENTS_TABLE,
  STATE_TABLE,
  TABLE_DEFINITIONS,
  TTL_ATTRIBUTE,
} from '../../../functions/store/table-definitions.ts';

describe('Function: createTableInput', () => {
  test('the Events table has a string partition key only and a stream with new and old images', () => {
    // Act
    const input = createTableInput(EVENTS_TABLE, 'dw-events');

    // Assess
    expect(input).toEqual({
      TableName: 'dw-events',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  test('the State table has string partition and sort keys and no stream', () => {
    // Act
    const input = createTableInput(STATE_TABLE, 'dw-state');

    // Assess
    expect(input).toEqual({
      TableName: 'dw-state',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    });
  });

  test('both tables expire items by the expiresAt attribute', () => {
    // Act + Assess
    expect(TABLE_DEFINITIONS.map((d) => d.timeToLiveAttribute)).toEqual([TTL_ATTRIBUTE, TTL_ATTRIBUTE]);
    expect(TTL_ATTRIBUTE).toBe('expiresAt');
  });
});
