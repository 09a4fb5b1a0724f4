import { type AlertKey, alertId } from '../domain/alerts/alert-key.ts';
import { transitionRulesFor } from '../domain/alerts/alert-policy.ts';
import { type AlertSignal, alertSignals, withRetiredAlerts } from '../domain/alerts/alert-signals.ts';
import { type AlertCondition, type AlertNotice, nextAlertState } from '../domain/alerts/alert-transition.ts';
import type { Monitor } from '../domain/config/config-types.ts';
import type { PipelineEvaluation } from '../domain/evaluation/evaluation-types.ts';
import { buildAlertMessage, incidentPrefix } from '../notify/alert-message.ts';
import type { AlertPublisher } from '../notify/sns-publisher.ts';
import {
  type EpisodeWrite,
  type PendingNotification,
  readAlertStates,
  type StoredAlert,
  writeAlertState,
} from '../store/alert-state-store.ts';
import type { StateReaderDeps } from '../store/evaluation-batch-get.ts';
import type { StoreLogger } from '../store/logger.ts';

/**
 * Drives a monitor's alerts for one evaluation and delivers their notifications exactly once as far as
 * DynamoDB can make it so. Per alert:
 * 1. compute the next state (alert-transition.ts) from the stored state and the evaluation's signal;
 * 2. if anything changed or notifications are pending, write the new state *with* the notifications to send
 *    (the outbox, `pending`) and this run's claim on them, conditional on the version read — a concurrent run
 *    that read the same version fails the condition and neither moves the alert nor publishes;
 * 3. publish the pending notifications in order; stop at the first failure;
 * 4. write the outcome (delivered ones removed, failures counted, claim released), conditional on the
 *    version written in step 2.
 *
 * Crash windows: a crash between 2 and 3 leaves the notification pending under an expired claim; the next run
 * (the claim outlives any run, {@link PUBLISH_CLAIM_TTL_MS}) publishes it — nothing is lost. A crash between a
 * successful publish in 3 and the write in 4 makes the next run publish it again: SNS standard topics have no
 * idempotent publish, so this window (one DynamoDB write long) is the one place a duplicate can occur; the
 * stable `notificationId` in the message and its attributes lets consumers drop it, and on FIFO topics SNS
 * drops it itself. A failed publish leaves the notification pending, and the next run retries it before
 * anything newer for the same alert.
 */

/**
 * A claim older than this belongs to a run that is no longer alive: it must be at least the evaluate
 * function's timeout (infra/constructs/evaluator.ts, EVALUATOR_TIMEOUT = 50 s), after which Lambda has
 * stopped the run.
 */
export const PUBLISH_CLAIM_TTL_MS = 50_000;

/** Bound on an alert's outbox (a 400 KB item holds ~150 messages); beyond it the oldest re-notifications go first. */
export const MAX_PENDING_NOTIFICATIONS = 50;

export interface AlertDispatchDeps extends StateReaderDeps {
  readonly publisher: AlertPublisher;
  readonly logger: StoreLogger;
  /** Wall clock, for claims. */
  readonly now: () => number;
  /** Unique per run. */
  readonly runId: string;
}

export interface AlertDispatchInput {
  readonly monitor: Monitor;
  readonly evaluation: PipelineEvaluation;
  readonly asOf: number;
  /** The "no data" rule's condition, and yesterday's events for the message; null when not evaluated. */
  readonly noData: { readonly condition: AlertCondition; readonly referenceEvents: number } | null;
}

export interface SentNotification {
  readonly id: string;
  readonly alert: string;
  readonly kind: PendingNotification['kind'];
}

export interface AlertDispatchSummary {
  readonly alerts: number;
  readonly firing: number;
  readonly transitions: number;
  readonly published: readonly SentNotification[];
  /** Notifications still pending after this run (publish failed, or claimed by another run). */
  readonly pending: number;
  readonly publishFailures: number;
  /** Alerts another run changed between our read and our write. */
  readonly conflicts: number;
  /** Alerts skipped because another live run holds their claim. */
  readonly claimed: number;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown error';
}

function boundOutbox(pending: PendingNotification[]): { kept: PendingNotification[]; dropped: number } {
  let kept = pending;
  let dropped = 0;
  while (kept.length > MAX_PENDING_NOTIFICATIONS) {
    const renotify = kept.findIndex((p) => p.kind === 'renotify');
    kept = kept.filter((_, i) => i !== Math.max(renotify, 0));
    dropped++;
  }
  return { kept, dropped };
}

function episodeFor(
  notice: AlertNotice | null,
  key: AlertKey,
  state: StoredAlert['state'],
  evaluation: PipelineEvaluation,
  asOf: number,
): EpisodeWrite | undefined {
  if (notice?.kind === 'firing') {
    const feature =
      key.kind === 'drift' ? evaluation.drift?.features.find((f) => f.feature === key.subject) : undefined;
    return {
      kind: 'open',
      firedAt: asOf,
      ...(feature
        ? { drift: { method: feature.method, statistic: feature.statistic, threshold: feature.threshold } }
        : {}),
    };
  }
  if (notice?.kind === 'resolved' && state.firingSince !== undefined) {
    return { kind: 'close', firedAt: state.firingSince, resolvedAt: asOf };
  }
  return undefined;
}

/** Publishes an alert's outbox in order and writes the outcome. */
async function deliver(
  deps: AlertDispatchDeps,
  alert: StoredAlert,
): Promise<{ sent: PendingNotification[]; failed: boolean }> {
  const sent: PendingNotification[] = [];
  let failure: unknown;
  for (const notification of alert.pending) {
    try {
      await deps.publisher.publish(notification);
      sent.push(notification);
    } catch (error) {
      failure = error;
      break;
    }
  }
  const remaining = alert.pending.slice(sent.length);
  const failures = (alert.delivery?.failures ?? 0) + 1;
  const after: StoredAlert = {
    key: alert.key,
    state: alert.state,
    version: alert.version + 1,
    pending: remaining,
    ...(failure === undefined
      ? {}
      : { delivery: { failures, lastError: errorName(failure), lastAttemptAt: deps.now() } }),
  };
  const id = alertId(alert.key);
  if (failure !== undefined) {
    deps.logger.warn('alert notification not delivered; it stays pending for the next run', {
      monitor: alert.key.monitor,
      alert: id,
      error: errorName(failure),
      pending: remaining.length,
      failures,
    });
  }
  const written = await writeAlertState(deps, after, alert.version);
  if (!written) {
    // Only possible when our claim outlived PUBLISH_CLAIM_TTL_MS and another run took over.
    deps.logger.error('alert changed while this run held its claim', {
      monitor: alert.key.monitor,
      alert: id,
    });
  }
  return { sent, failed: failure !== undefined };
}

/**
 * Moves every alert of a monitor for one evaluation (see the module comment for the protocol).
 * O(alerts) DynamoDB writes at most twice per alert that changed or has something to send.
 */
export async function dispatchAlerts(
  deps: AlertDispatchDeps,
  input: AlertDispatchInput,
): Promise<AlertDispatchSummary> {
  const { monitor, evaluation, asOf } = input;
  const stored = await readAlertStates(deps, monitor.name);
  const byId = new Map(stored.map((a) => [alertId(a.key), a]));
  const signals: AlertSignal[] = withRetiredAlerts(
    alertSignals(evaluation, input.noData?.condition ?? null),
    stored.map((a) => a.key),
  );
  let transitions = 0;
  let pendingAfter = 0;
  let publishFailures = 0;
  let conflicts = 0;
  let claimed = 0;
  let firing = 0;
  const published: SentNotification[] = [];

  for (const signal of signals) {
    const id = alertId(signal.key);
    const previous = byId.get(id);
    const now = deps.now();
    if (
      previous?.claim &&
      previous.claim.by !== deps.runId &&
      now - previous.claim.at < PUBLISH_CLAIM_TTL_MS
    ) {
      claimed++;
      pendingAfter += previous.pending.length;
      if (previous.state.status === 'firing') firing++;
      continue;
    }
    const transition = nextAlertState(
      previous?.state,
      signal.condition,
      asOf,
      transitionRulesFor(monitor, signal.key.kind),
    );
    if (transition.state.status === 'firing') firing++;
    let pending = [...(previous?.pending ?? [])];
    const notice = transition.notify;
    if (notice) {
      // A re-notification adds nothing while the incident's firing notice is still waiting to go out.
      const prefix = incidentPrefix(signal.key, transition.state.firingSince);
      const waiting =
        notice.kind === 'renotify' && pending.some((p) => p.kind !== 'resolved' && p.id.startsWith(prefix));
      if (!waiting) {
        const message = buildAlertMessage({
          key: signal.key,
          notice,
          state: transition.state,
          monitor,
          evaluation,
          ...(input.noData ? { noDataReferenceEvents: input.noData.referenceEvents } : {}),
        });
        pending.push({
          id: message.notificationId,
          kind: notice.kind,
          subject: message.subject,
          message: message.message,
          attributes: message.attributes,
          createdAt: asOf,
        });
      }
    }
    const bounded = boundOutbox(pending);
    pending = bounded.kept;
    if (bounded.dropped > 0) {
      deps.logger.error('alert outbox full: oldest notifications dropped', {
        monitor: monitor.name,
        alert: id,
        dropped: bounded.dropped,
      });
    }
    if (!transition.changed && pending.length === 0) continue;

    const version = (previous?.version ?? 0) + 1;
    const next: StoredAlert = {
      key: signal.key,
      state: transition.state,
      version,
      pending,
      ...(pending.length > 0 ? { claim: { by: deps.runId, at: now } } : {}),
      ...(previous?.delivery && pending.length > 0 ? { delivery: previous.delivery } : {}),
    };
    const written = await writeAlertState(
      deps,
      next,
      previous?.version ?? 0,
      episodeFor(notice, signal.key, transition.state, evaluation, asOf),
    );
    if (!written) {
      conflicts++;
      deps.logger.warn('alert changed by another run; skipped', { monitor: monitor.name, alert: id });
      continue;
    }
    if (notice) {
      transitions += notice.kind === 'renotify' ? 0 : 1;
      deps.logger.info('alert transition', {
        monitor: monitor.name,
        alert: id,
        from: previous?.state.status ?? 'ok',
        to: transition.state.status,
        notification: notice.kind,
        sequence: notice.sequence,
        condition: signal.condition,
      });
    }
    if (pending.length === 0) continue;
    const outcome = await deliver(deps, next);
    for (const s of outcome.sent) published.push({ id: s.id, alert: id, kind: s.kind });
    pendingAfter += pending.length - outcome.sent.length;
    if (outcome.failed) publishFailures++;
  }
  return {
    alerts: signals.length,
    firing,
    transitions,
    published,
    pending: pendingAfter,
    publishFailures,
    conflicts,
    claimed,
  };
}
