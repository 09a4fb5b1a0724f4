import { createHash } from 'node:crypto';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';

/** One notification as the alert outbox keeps it. */
export interface OutgoingNotification {
  readonly id: string;
  readonly subject: string;
  readonly message: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** Where alert notifications go; SNS in the pipeline, anything in tests. */
export interface AlertPublisher {
  /** @throws when the notification was not accepted; it stays pending and is retried by the next run. */
  publish(notification: OutgoingNotification): Promise<void>;
}

/**
 * Publishes alert notifications to an SNS topic: Subject, the JSON Message and String MessageAttributes
 * (monitor, severity, state, kind, notificationId) for subscription filter policies. On a FIFO topic the
 * message is grouped by monitor and deduplicated by a hash of the notification id, so a publish repeated
 * after a crash within SNS's 5-minute deduplication interval is dropped by SNS itself.
 *
 * @example await createSnsPublisher(sns, topicArn).publish(notification);
 */
export function createSnsPublisher(sns: SNSClient, topicArn: string): AlertPublisher {
  const fifo = topicArn.endsWith('.fifo');
  return {
    async publish(n) {
      const attributes: Record<string, { DataType: 'String'; StringValue: string }> = {};
      for (const [name, value] of Object.entries(n.attributes)) {
        if (value !== '') attributes[name] = { DataType: 'String', StringValue: value };
      }
      await sns.send(
        new PublishCommand({
          TopicArn: topicArn,
          Subject: n.subject,
          Message: n.message,
          MessageAttributes: attributes,
          ...(fifo
            ? {
                MessageGroupId: n.attributes.monitor ?? 'driftwatch',
                MessageDeduplicationId: createHash('sha256').update(n.id).digest('hex'),
              }
            : {}),
        }),
      );
    },
  };
}
