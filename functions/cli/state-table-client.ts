import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Where the CLI finds a State table: in AWS (region, default credentials) or on DynamoDB Local (endpoint). */
export interface StateTableLocation {
  readonly endpoint?: string;
  readonly region?: string;
}

/**
 * A document client for the CLI's State-table commands. DynamoDB Local accepts any credentials, so an
 * endpoint gets placeholder ones and works without an AWS profile; without one the SDK's default chain applies.
 */
export function stateTableClient(location: StateTableLocation): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: location.region ?? 'us-east-1',
      ...(location.endpoint === undefined
        ? {}
        : { endpoint: location.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    }),
  );
}
