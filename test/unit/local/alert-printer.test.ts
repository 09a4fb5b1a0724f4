import { describe, expect, test } from 'vitest';
import { formatAlert, parseAlert, type ReceivedAlert } from '../../../functions/local/alert-printer.ts';
import { parseSnsEnvelope } from '../../../functions/local/messaging.ts';

/**
 * An SQS message body as SNS delivers a notification to a subscribed queue without raw delivery (the JSON
 * envelope of the Amazon SNS Developer Guide, "Fanout to Amazon SQS queues"), with an alert Message as the
 * evaluator publishes it.
 */
function envelope(message: Record<string, unknown>, subject = 'PAGE firing: m/s burn 20.4x over 1h'): string {
  return JSON.stringify({
    Type: 'Notification',
    MessageId: 'b3c4-0001',
    TopicArn: 'arn:aws:sns:us-east-1:000000000000:driftwatch-alerts',
    Subject: subject,
    Message: JSON.stringify(message),
    Timestamp: '2026-11-20T10:07:01.000Z',
    SignatureVersion: '1',
    MessageAttributes: {
      monitor: { Type: 'String', Value: 'code-review-agent' },
      severity: { Type: 'String', Value: 'page' },
    },
  });
}

const BODY = {
  version: 1,
  notificationId: 'code-review-agent:slo#review-completion#page:2026-11-20T10:07:00.000Z:1',
  summary: 'PAGE: code-review-agent SLO review-completion is burning its error budget too fast',
  monitor: 'code-review-agent',
  kind: 'slo',
  slo: 'review-completion',
  severity: 'page',
  state: 'firing',
  renotification: false,
  sequence: 1,
  evaluatedAt: '2026-11-20T10:07:00.000Z',
};

describe('Function: parseSnsEnvelope', () => {
  test('the subject, the message and the string message attributes are read from the envelope', () => {
    // Act
    const parsed = parseSnsEnvelope(envelope(BODY));

    // Assess
    expect(parsed).toEqual({
      messageId: 'b3c4-0001',
      subject: 'PAGE firing: m/s burn 20.4x over 1h',
      message: JSON.stringify(BODY),
      attributes: { monitor: 'code-review-agent', severity: 'page' },
    });
  });

  test.each([
    ['not JSON', 'not json'],
    ['a raw message', JSON.stringify(BODY)],
    ['a subscription confirmation', JSON.stringify({ Type: 'SubscriptionConfirmation', Message: 'x' })],
    ['JSON null', 'null'],
  ])('%s is not a notification', (_name, body) => {
    // Act & Assess
    expect(parseSnsEnvelope(body)).toBeUndefined();
  });
});

describe('Function: parseAlert', () => {
  test.each([
    ['slo', { slo: 'review-completion' }, 'review-completion'],
    ['drift', { feature: 'amount' }, 'amount'],
    ['nodata', {}, 'events'],
  ])('a %s alert is read with its subject', (kind, extra, subject) => {
    // Prepare
    const notification = parseSnsEnvelope(envelope({ ...BODY, slo: undefined, kind, ...extra }));

    // Act
    const alert = notification && parseAlert(notification);

    // Assess
    expect(alert).toMatchObject({
      kind,
      subject,
      monitor: 'code-review-agent',
      severity: 'page',
      state: 'firing',
    });
  });

  test('the fields of a firing page are read from the message', () => {
    // Prepare
    const notification = parseSnsEnvelope(envelope(BODY));

    // Act
    const alert = notification && parseAlert(notification);

    // Assess
    expect(alert).toEqual({
      notificationId: BODY.notificationId,
      monitor: 'code-review-agent',
      kind: 'slo',
      subject: 'review-completion',
      severity: 'page',
      state: 'firing',
      renotification: false,
      evaluatedAt: '2026-11-20T10:07:00.000Z',
      summary: BODY.summary,
      title: 'PAGE firing: m/s burn 20.4x over 1h',
    });
  });

  test.each([
    ['an unknown kind', { kind: 'weird' }],
    ['an unknown severity', { severity: 'sms' }],
    ['an unknown state', { state: 'open' }],
    ['no monitor', { monitor: 7 }],
  ])('a message with %s is not an alert', (_name, change) => {
    // Prepare
    const notification = parseSnsEnvelope(envelope({ ...BODY, ...change }));

    // Act & Assess
    expect(notification && parseAlert(notification)).toBeUndefined();
  });
});

describe('Function: formatAlert', () => {
  const alert: ReceivedAlert = {
    notificationId: 'n',
    monitor: 'fraud-screening',
    kind: 'drift',
    subject: 'amount',
    severity: 'ticket',
    state: 'resolved',
    renotification: false,
    evaluatedAt: '2026-11-22T01:00:00.000Z',
    summary: 'RESOLVED ticket: fraud-screening feature amount no longer drifts.',
    title: 't',
  };

  test('without colour the alert is a headline with time, severity, state and subject, then the summary', () => {
    // Act
    const text = formatAlert(alert, false);

    // Assess
    expect(text).toBe(
      '2026-11-22 01:00Z  TICKET resolved  fraud-screening/amount\n  RESOLVED ticket: fraud-screening feature amount no longer drifts.',
    );
  });

  test.each([
    [{ state: 'firing', severity: 'page', renotification: false }, '\u001b[31m', 'PAGE firing'],
    [{ state: 'firing', severity: 'ticket', renotification: true }, '\u001b[33m', 'TICKET still firing'],
    [{ state: 'resolved', severity: 'page', renotification: false }, '\u001b[32m', 'PAGE resolved'],
  ] as const)('with colour %o is painted %j and reads %s', (change, colour, head) => {
    // Act
    const text = formatAlert({ ...alert, ...change }, true);

    // Assess
    expect(text).toContain(`${colour}${head}\u001b[0m`);
  });
});
