import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { startFauxqs } from 'fauxqs';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local.ts';

/**
 * The SNS/SQS side of the local stack: the fauxqs emulator in this process, the alerts topic the evaluator
 * publishes to, and an SQS queue subscribed to it — the same SNS → SQS fan-out a team would use to feed a
 * chat bot — read by long polling so each alert is printed as it arrives.
 */

export interface Messaging {
  readonly endpoint: string;
  readonly port: number;
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
  readonly alertsTopicArn: string;
  readonly alertsQueueUrl: string;
  stop(): Promise<void>;
}

export interface MessagingOptions {
  /** The emulator's port; 0 for any free port. */
  readonly port: number;
  readonly topicName?: string;
  readonly queueName?: string;
}

/**
 * Starts fauxqs, creates the alerts topic and a queue, and subscribes the queue to the topic (SNS envelope
 * delivery, so the subject and message attributes reach the queue too).
 *
 * @throws {Error} when the port is taken.
 */
export async function startMessaging(options: MessagingOptions): Promise<Messaging> {
  const server = await startFauxqs({ port: options.port, host: '127.0.0.1', logger: false });
  const endpoint = `http://127.0.0.1:${server.port}`;
  const config = { endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const sns = new SNSClient(config);
  const sqs = new SQSClient(config);
  try {
    const topic = await sns.send(new CreateTopicCommand({ Name: options.topicName ?? 'driftwatch-alerts' }));
    const queue = await sqs.send(
      new CreateQueueCommand({ QueueName: options.queueName ?? 'driftwatch-alerts-printer' }),
    );
    if (!topic.TopicArn || !queue.QueueUrl) throw new Error('the SNS/SQS emulator created no topic or queue');
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const queueArn = attributes.Attributes?.QueueArn;
    if (!queueArn) throw new Error('the SNS/SQS emulator gave the queue no ARN');
    await sns.send(new SubscribeCommand({ TopicArn: topic.TopicArn, Protocol: 'sqs', Endpoint: queueArn }));
    return {
      endpoint,
      port: server.port,
      sns,
      sqs,
      alertsTopicArn: topic.TopicArn,
      alertsQueueUrl: queue.QueueUrl,
      async stop() {
        sns.destroy();
        sqs.destroy();
        await server.stop();
      },
    };
  } catch (error) {
    sns.destroy();
    sqs.destroy();
    await server.stop();
    throw error;
  }
}

/** One SNS notification as it arrives in a subscribed SQS queue. */
export interface QueuedNotification {
  readonly messageId: string;
  readonly subject: string;
  readonly message: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/**
 * Reads an SNS envelope from an SQS message body; undefined when the body is not one. O(size).
 *
 * @example parseSnsEnvelope('{"Type":"Notification","MessageId":"1","Subject":"s","Message":"{}"}')?.subject // 's'
 */
export function parseSnsEnvelope(body: string): QueuedNotification | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { Type, MessageId, Subject, Message, MessageAttributes } = value as Record<string, unknown>;
  if (Type !== 'Notification' || typeof Message !== 'string') return undefined;
  const attributes: Record<string, string> = {};
  if (typeof MessageAttributes === 'object' && MessageAttributes !== null) {
    for (const [k, v] of Object.entries(MessageAttributes)) {
      const text = (v as { Value?: unknown } | null)?.Value;
      if (typeof text === 'string') attributes[k] = text;
    }
  }
  return {
    messageId: typeof MessageId === 'string' ? MessageId : '',
    subject: typeof Subject === 'string' ? Subject : '',
    message: Message,
    attributes,
  };
}

/**
 * Receives up to 10 notifications from the queue, waiting up to `waitSeconds` for the first, and deletes
 * what it received. Bodies that are not SNS envelopes are deleted and skipped.
 */
export async function receiveNotifications(
  sqs: SQSClient,
  queueUrl: string,
  waitSeconds: number,
  abortSignal?: AbortSignal,
): Promise<QueuedNotification[]> {
  const { Messages } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: waitSeconds }),
    abortSignal ? { abortSignal } : {},
  );
  const messages = Messages ?? [];
  if (messages.length === 0) return [];
  await sqs.send(
    new DeleteMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
    }),
  );
  const out: QueuedNotification[] = [];
  for (const m of messages) {
    const parsed = parseSnsEnvelope(m.Body ?? '');
    if (parsed) out.push(parsed);
  }
  return out;
}
