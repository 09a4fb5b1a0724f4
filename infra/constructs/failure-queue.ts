import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface FailureQueueProps {
  /** What lands here, for the console and the reason of the cdk-nag suppression. */
  readonly description: string;
}

/**
 * An SQS queue that receives the records of work that failed for good (a stream batch after its retries,
 * a schedule invocation Scheduler could not deliver), kept 14 days (SQS' maximum) for an operator to
 * inspect and replay.
 *
 * Encrypted with SQS-managed keys (SSE-SQS) rather than KMS: these messages carry only metadata (stream
 * shard and sequence numbers, schedule ARN and time), never event contents, and SSE-SQS needs no KMS
 * grants for the Lambda and Scheduler services that write to it. Requests without TLS are denied.
 */
export class FailureQueue extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string, props: FailureQueueProps) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself a dead-letter destination (${props.description}); a dead-letter queue of a dead-letter queue would add nothing.`,
    });
  }
}
