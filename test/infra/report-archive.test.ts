import { Match } from 'aws-cdk-lib/assertions';
import { describe, test } from 'vitest';
import { logicalIdOf, synthDriftwatch } from './synth.ts';

function reportBucket(properties: Record<string, unknown>) {
  const { template, stack } = synthDriftwatch();
  return () =>
    template.templateMatches({
      Resources: {
        [logicalIdOf(stack.archive.bucket)]: Match.objectLike({ Properties: Match.objectLike(properties) }),
      },
    });
}

describe('Construct: ReportArchive', () => {
  test('the report bucket keeps every version of a report', () => {
    // Prepare
    const assess = reportBucket({ VersioningConfiguration: { Status: 'Enabled' } });

    // Act + Assess
    assess();
  });

  test('the report bucket is encrypted at rest', () => {
    // Prepare
    const assess = reportBucket({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });

    // Act + Assess
    assess();
  });

  test('the report bucket blocks all public access and disables ACLs', () => {
    // Prepare
    const assess = reportBucket({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });

    // Act + Assess
    assess();
  });

  test('the report bucket expires superseded versions and abandoned uploads', () => {
    // Prepare
    const assess = reportBucket({
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 90 }, Status: 'Enabled' }),
          Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
        ]),
      },
    });

    // Act + Assess
    assess();
  });

  test('the report bucket writes server access logs to the access-log bucket', () => {
    // Prepare
    const { stack } = synthDriftwatch();
    const assess = reportBucket({
      LoggingConfiguration: {
        DestinationBucketName: { Ref: logicalIdOf(stack.archive.accessLogs) },
        LogFilePrefix: 'reports/',
      },
    });

    // Act + Assess
    assess();
  });

  test('the report bucket denies requests without TLS', () => {
    // Prepare
    const { template, stack } = synthDriftwatch();

    // Act
    const bucketRef = { Ref: logicalIdOf(stack.archive.bucket) };

    // Assess
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: bucketRef,
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});
