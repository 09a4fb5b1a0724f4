import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { buildDriftwatchApp, ContextError } from '../../infra/driftwatch-app.ts';
import { driftwatchApp, logicalIdOf, synthDriftwatch } from './synth.ts';

const TOPICS = ['alerts', 'reports', 'operations'] as const;

describe('Construct: AlertTopics', () => {
  test.each(TOPICS)('the %s topic is encrypted with the topics’ customer managed key', (topic) => {
    // Prepare
    const { template, stack } = synthDriftwatch();

    // Act
    const topicId = logicalIdOf(stack.topics[topic]);

    // Assess
    template.templateMatches({
      Resources: {
        [topicId]: Match.objectLike({
          Properties: Match.objectLike({
            KmsMasterKeyId: { 'Fn::GetAtt': [logicalIdOf(stack.topics.key), 'Arn'] },
          }),
        }),
      },
    });
  });

  test.each(TOPICS)('the %s topic denies publishing without TLS', (topic) => {
    // Prepare
    const { template, stack } = synthDriftwatch();

    // Act
    const topicRef = { Ref: logicalIdOf(stack.topics[topic]) };

    // Assess
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topicRef],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  test('CloudWatch alarms of this account may use the topics’ key, so they can publish to the operations topic', () => {
    // Prepare
    const { template, stack } = synthDriftwatch();

    // Act
    const keyId = logicalIdOf(stack.topics.key);

    // Assess
    template.templateMatches({
      Resources: {
        [keyId]: Match.objectLike({
          Properties: Match.objectLike({
            KeyPolicy: {
              Statement: Match.arrayWith([
                Match.objectLike({
                  Principal: { Service: 'cloudwatch.amazonaws.com' },
                  Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
                  Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
                }),
              ]),
            },
          }),
        }),
      },
    });
  });

  test.each([
    ['oncall@example.com', 'email'],
    ['https://hooks.example.com/driftwatch', 'https'],
  ])(
    'the subscriber %s from -c alertsSubscribers gets a %s subscription to the alerts topic',
    (endpoint, protocol) => {
      // Prepare
      const { template, stack } = synthDriftwatch({
        alertsSubscribers: 'oncall@example.com, https://hooks.example.com/driftwatch',
      });

      // Act
      const subscription = {
        TopicArn: { Ref: logicalIdOf(stack.topics.alerts) },
        Endpoint: endpoint,
        Protocol: protocol,
      };

      // Assess
      template.hasResourceProperties('AWS::SNS::Subscription', subscription);
    },
  );

  test.each(['http://hooks.example.com/plain', 'not-an-address'])(
    'the subscriber %s is refused with a ContextError naming it',
    (endpoint) => {
      // Prepare
      const app = driftwatchApp({ operationsSubscribers: endpoint });

      // Act
      const act = () => buildDriftwatchApp(app);

      // Assess
      expect(act).toThrow(ContextError);
      expect(act).toThrow(
        `operationsSubscribers must be a comma-separated list of e-mail addresses and https:// URLs (got "${endpoint}")`,
      );
    },
  );
});
