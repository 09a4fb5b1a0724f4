import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { type ReportArtefacts, reportObjectKeys } from './report-artefacts.ts';

export interface ReportStoreDeps {
  readonly s3: S3Client;
  /** The versioned report bucket. */
  readonly bucketName: string;
}

export interface ReportPublishDeps extends ReportStoreDeps {
  readonly sns: SNSClient;
  /** The reports topic. */
  readonly topicArn: string;
}

export interface StoredObject {
  readonly bucket: string;
  readonly key: string;
  readonly contentType: string;
  /** Present when the bucket is versioned (it is in the stack). */
  readonly versionId?: string;
  /** `s3://bucket/key` */
  readonly uri: string;
}

export interface StoredReport {
  readonly html: StoredObject;
  readonly json: StoredObject;
}

export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';
export const JSON_CONTENT_TYPE = 'application/json';

async function put(
  deps: ReportStoreDeps,
  key: string,
  body: string,
  contentType: string,
): Promise<StoredObject> {
  const result = await deps.s3.send(
    new PutObjectCommand({
      Bucket: deps.bucketName,
      Key: key,
      Body: body,
      ContentType: contentType,
      // A report is read when it is announced and rarely changes afterwards: let browsers keep it an hour.
      CacheControl: 'max-age=3600',
    }),
  );
  return {
    bucket: deps.bucketName,
    key,
    contentType,
    ...(result.VersionId ? { versionId: result.VersionId } : {}),
    uri: `s3://${deps.bucketName}/${key}`,
  };
}

/**
 * Writes the HTML and the JSON of a report under the week's stable keys.
 * Complexity: Two PutObject calls.
 * @example (await storeReport({ s3, bucketName }, artefacts)).html.key // 'reports/2026-W47/driftwatch-2026-W47.html'
 */
export async function storeReport(deps: ReportStoreDeps, artefacts: ReportArtefacts): Promise<StoredReport> {
  const keys = reportObjectKeys(artefacts.report.week);
  const html = await put(deps, keys.html, artefacts.html, HTML_CONTENT_TYPE);
  const json = await put(deps, keys.json, artefacts.json, JSON_CONTENT_TYPE);
  return { html, json };
}

/**
 * The console page of an object, for people reading the announcement by mail (the bucket is private).
 * Complexity: O(1).
 * @example consoleUrl({ bucket: 'b', key: 'reports/x.html', … }, 'eu-west-1') // 'https://s3.console.aws.amazon.com/s3/object/b?region=eu-west-1&prefix=reports%2Fx.html'
 */
export function consoleUrl(object: StoredObject, region: string): string {
  return `https://s3.console.aws.amazon.com/s3/object/${encodeURIComponent(object.bucket)}?region=${encodeURIComponent(region)}&prefix=${encodeURIComponent(object.key)}`;
}

/**
 * The announcement: the text summary, then where the HTML and the JSON are (plain text, for mail).
 * Complexity: O(length of the summary).
 * @example reportMessage(artefacts, stored, 'eu-west-1').endsWith('.json …')
 */
export function reportMessage(artefacts: ReportArtefacts, stored: StoredReport, region?: string): string {
  const line = (label: string, o: StoredObject) =>
    [
      `${label}: ${o.uri}${o.versionId ? ` (version ${o.versionId})` : ''}`,
      ...(region ? [`  ${consoleUrl(o, region)}`] : []),
    ].join('\n');
  return `${artefacts.summary}\n${line('Report (HTML)', stored.html)}\n${line('Data (JSON)', stored.json)}\n`;
}

/**
 * Announces a stored report on the reports topic: Subject ≤ 100 characters, the summary and the object
 * locations as the message, and the week and keys as message attributes so subscriptions can filter and
 * consumers can fetch the JSON without parsing the text.
 * Complexity: One Publish call.
 * @example await publishReport({ s3, sns, bucketName, topicArn }, artefacts, stored, 'eu-west-1')
 */
export async function publishReport(
  deps: ReportPublishDeps,
  artefacts: ReportArtefacts,
  stored: StoredReport,
  region?: string,
): Promise<{ messageId: string | undefined; message: string }> {
  const message = reportMessage(artefacts, stored, region);
  const result = await deps.sns.send(
    new PublishCommand({
      TopicArn: deps.topicArn,
      Subject: artefacts.subject,
      Message: message,
      MessageAttributes: {
        kind: { DataType: 'String', StringValue: 'weekly-report' },
        week: { DataType: 'String', StringValue: artefacts.report.week },
        bucket: { DataType: 'String', StringValue: stored.html.bucket },
        htmlKey: { DataType: 'String', StringValue: stored.html.key },
        jsonKey: { DataType: 'String', StringValue: stored.json.key },
      },
    }),
  );
  return { messageId: result.MessageId, message };
}
