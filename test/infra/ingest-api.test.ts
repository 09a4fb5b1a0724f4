import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { DEFAULT_INGEST_THROTTLE } from '../../infra/constructs/ingest-api.ts';
import { logicalIdOf, synthDriftwatch } from './synth.ts';

describe('Construct: IngestApi', () => {
  test('POST /events requires IAM (SigV4) authorization', () => {
    // Prepare
    const { template } = synthDriftwatch();

    // Act
    const route = { RouteKey: 'POST /events', AuthorizationType: 'AWS_IAM' };

    // Assess
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', route);
  });

  test('no route of the API is left without authorization', () => {
    // Prepare
    const { template } = synthDriftwatch();

    // Act
    const unauthorised = template.findResources('AWS::ApiGatewayV2::Route', {
      Properties: { AuthorizationType: Match.absent() },
    });

    // Assess
    expect(Object.keys(unauthorised)).toEqual([]);
  });

  test('the stage throttles requests with the default rate and burst limits', () => {
    // Prepare
    const { template } = synthDriftwatch();

    // Act
    const throttle = {
      ThrottlingRateLimit: DEFAULT_INGEST_THROTTLE.rateLimit,
      ThrottlingBurstLimit: DEFAULT_INGEST_THROTTLE.burstLimit,
    };

    // Assess
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: throttle,
    });
  });

  test('the stage writes JSON access logs with the request id and the IAM caller, but no request body', () => {
    // Prepare
    const { template } = synthDriftwatch();

    // Act
    const stages = template.findResources('AWS::ApiGatewayV2::Stage');
    const [stage] = Object.values(stages) as { Properties: { AccessLogSettings?: { Format: string } } }[];
    const format = JSON.parse(stage?.Properties.AccessLogSettings?.Format ?? '{}') as Record<string, string>;

    // Assess
    expect(format).toMatchObject({ requestId: '$context.requestId', caller: '$context.identity.userArn' });
    expect(Object.values(format).some((variable) => variable.includes('body'))).toBe(false);
  });

  test('the producer policy allows execute-api:Invoke on POST /events only', () => {
    // Prepare
    const { template, stack } = synthDriftwatch();

    // Act
    const apiId = logicalIdOf(stack.ingest.api);

    // Assess
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Action: 'execute-api:Invoke',
            Effect: 'Allow',
            Resource: {
              'Fn::Join': ['', Match.arrayWith([{ Ref: apiId }, '/$default/POST/events'])],
            },
          },
        ],
      },
    });
  });
});
