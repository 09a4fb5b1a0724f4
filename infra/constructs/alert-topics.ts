import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, UrlSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Who is told about what: each list holds e-mail addresses and/or `https://` endpoints. */
export interface TopicSubscribers {
  /** SLO burn and drift alerts (firing / resolved). @default - none */
  readonly alerts?: readonly string[];
  /** "A weekly report is ready". @default - none */
  readonly reports?: readonly string[];
  /** Pipeline health alarms (ingest errors, stream lag, evaluator failures, dead letters). @default - none */
  readonly operations?: readonly string[];
}

export interface AlertTopicsProps {
  /** @default - no subscriptions; subscribe later in the console or with another stack */
  readonly subscribers?: TopicSubscribers;
  /** Of the topics' KMS key. @default RemovalPolicy.RETAIN */
  readonly keyRemovalPolicy?: RemovalPolicy;
}

/**
 * The three SNS topics: `alerts` (the evaluator's pages and tickets), `reports` (weekly report ready) and
 * `operations` (CloudWatch alarms on the pipeline itself, kept apart so a broken pipeline does not page
 * as if an agent were failing). Encrypted with their own customer managed key, because CloudWatch alarms
 * cannot publish to a topic encrypted with the AWS managed `aws/sns` key (its key policy cannot be changed
 * to let the CloudWatch service use it). Publishing without TLS is denied.
 */
export class AlertTopics extends Construct {
  readonly alerts: Topic;
  readonly reports: Topic;
  readonly operations: Topic;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: AlertTopicsProps = {}) {
    super(scope, id);

    this.key = new Key(this, 'Key', {
      description: 'driftwatch: encrypts the alerts, reports and operations SNS topics',
      enableKeyRotation: true,
      removalPolicy: props.keyRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    // CloudWatch alarms publish to the operations topic: the service needs the key, and only on behalf of
    // alarms in this account (confused-deputy guard).
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );

    const topic = (
      topicId: string,
      displayName: string,
      subscribers: readonly string[] | undefined,
    ): Topic => {
      const created = new Topic(this, topicId, { displayName, masterKey: this.key, enforceSSL: true });
      for (const endpoint of subscribers ?? []) created.addSubscription(subscriptionFor(endpoint));
      return created;
    };
    this.alerts = topic('Alerts', 'driftwatch alerts', props.subscribers?.alerts);
    this.reports = topic('Reports', 'driftwatch reports', props.subscribers?.reports);
    this.operations = topic('Operations', 'driftwatch operations', props.subscribers?.operations);
  }
}

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
const HTTPS_URL = /^https:\/\/[^\s/]+/;

/** True for an e-mail address or an https:// URL (plain http:// is refused: alerts must not travel unencrypted). */
export function isSubscriberEndpoint(endpoint: string): boolean {
  return HTTPS_URL.test(endpoint) || EMAIL.test(endpoint);
}

/**
 * An e-mail or HTTPS subscription for an endpoint written as text.
 * @throws {Error} for anything but an e-mail address or an https:// URL.
 */
export function subscriptionFor(endpoint: string): EmailSubscription | UrlSubscription {
  const trimmed = endpoint.trim();
  if (HTTPS_URL.test(trimmed)) return new UrlSubscription(trimmed);
  if (EMAIL.test(trimmed)) return new EmailSubscription(trimmed);
  throw new Error(
    `subscriber must be an e-mail address or an https:// URL (got ${JSON.stringify(endpoint)})`,
  );
}
