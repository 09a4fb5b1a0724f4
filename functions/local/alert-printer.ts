import type { SQSClient } from '@aws-sdk/client-sqs';
import { type QueuedNotification, receiveNotifications } from './messaging.ts';

/**
 * Reads the alerts queue (subscribed to the alerts topic) and hands every alert to a callback as it arrives:
 * `npm start` prints them, the demo prints and records them.
 */

/** The fields of an alert notification the local stack shows (see notify/alert-message.ts for all of them). */
export interface ReceivedAlert {
  readonly notificationId: string;
  readonly monitor: string;
  readonly kind: 'slo' | 'drift' | 'nodata';
  /** The SLO name, the feature name, or `events` for "no data". */
  readonly subject: string;
  readonly severity: 'page' | 'ticket';
  readonly state: 'firing' | 'resolved';
  readonly renotification: boolean;
  /** The evaluation time that sent it (ISO). */
  readonly evaluatedAt: string;
  readonly summary: string;
  /** The SNS subject line. */
  readonly title: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Reads an alert from a queued SNS notification whose Message is the evaluator's alert JSON; undefined for
 * any other message. O(size).
 *
 * @example parseAlert({ messageId: '1', subject: 'PAGE firing: m/s', message: '{"monitor":"m",…}', attributes: {} })
 */
export function parseAlert(notification: QueuedNotification): ReceivedAlert | undefined {
  let body: unknown;
  try {
    body = JSON.parse(notification.message);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  const kind = b.kind;
  const severity = b.severity;
  const state = b.state;
  const monitor = str(b.monitor);
  if (kind !== 'slo' && kind !== 'drift' && kind !== 'nodata') return undefined;
  if (severity !== 'page' && severity !== 'ticket') return undefined;
  if (state !== 'firing' && state !== 'resolved') return undefined;
  if (monitor === undefined) return undefined;
  const subject = kind === 'slo' ? str(b.slo) : kind === 'drift' ? str(b.feature) : 'events';
  return {
    notificationId: str(b.notificationId) ?? notification.messageId,
    monitor,
    kind,
    subject: subject ?? '',
    severity,
    state,
    renotification: b.renotification === true,
    evaluatedAt: str(b.evaluatedAt) ?? '',
    summary: str(b.summary) ?? notification.subject,
    title: notification.subject,
  };
}

const COLORS = {
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  green: '\u001b[32m',
  dim: '\u001b[2m',
  reset: '\u001b[0m',
};

/**
 * One printable block for an alert: a headline (time, severity, state, monitor/subject) and the summary.
 * With `color`, firing pages are red, firing tickets yellow, resolutions green. O(size).
 *
 * @example formatAlert(alert, false) // '2026-11-20 10:07Z  PAGE firing  support-triage/escalation-recall\n  …'
 */
export function formatAlert(alert: ReceivedAlert, color: boolean): string {
  const when = alert.evaluatedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, 'Z');
  const state = alert.state === 'resolved' ? 'resolved' : alert.renotification ? 'still firing' : 'firing';
  const head = `${alert.severity.toUpperCase()} ${state}`;
  const paint = !color
    ? ''
    : alert.state === 'resolved'
      ? COLORS.green
      : alert.severity === 'page'
        ? COLORS.red
        : COLORS.yellow;
  const reset = color ? COLORS.reset : '';
  const dim = color ? COLORS.dim : '';
  return `${dim}${when}${reset}  ${paint}${head}${reset}  ${alert.monitor}/${alert.subject}\n  ${alert.summary}`;
}

export interface AlertPrinterOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly onAlert: (alert: ReceivedAlert) => void;
  /** Long-poll wait per receive, seconds (default 1: stop() then takes at most a second). */
  readonly waitSeconds?: number;
  readonly onError?: (error: unknown) => void;
}

/** Long-polls the alerts queue until stopped. */
export class AlertPrinter {
  readonly #options: AlertPrinterOptions;
  #running = false;
  #loop: Promise<void> | undefined;
  #abort: AbortController | undefined;
  /** Alerts received so far. */
  received = 0;

  constructor(options: AlertPrinterOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Receives whatever is in the queue now (no waiting); the demo calls it after each evaluation. */
  async drain(): Promise<number> {
    let n = 0;
    for (;;) {
      const batch = await receiveNotifications(this.#options.sqs, this.#options.queueUrl, 0);
      if (batch.length === 0) return n;
      n += this.#deliver(batch);
    }
  }

  #deliver(batch: readonly QueuedNotification[]): number {
    let n = 0;
    for (const notification of batch) {
      const alert = parseAlert(notification);
      if (!alert) continue;
      this.received++;
      n++;
      this.#options.onAlert(alert);
    }
    return n;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      this.#abort = new AbortController();
      try {
        const batch = await receiveNotifications(
          this.#options.sqs,
          this.#options.queueUrl,
          this.#options.waitSeconds ?? 1,
          this.#abort.signal,
        );
        this.#deliver(batch);
      } catch (error) {
        if (!this.#running) return;
        this.#options.onError?.(error);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#abort?.abort();
    await this.#loop;
  }
}
