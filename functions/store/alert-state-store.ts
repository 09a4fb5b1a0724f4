import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type AlertKey, alertId, parseAlertId } from '../domain/alerts/alert-key.ts';
import type { AlertState, AlertStreak, NotificationKind } from '../domain/alerts/alert-transition.ts';
import { episodeItem, episodeResolution } from './alert-history-store.ts';
import type { StateReaderDeps } from './evaluation-batch-get.ts';
import type { StateKey } from './keys.ts';

/**
 * Alert state in the State table: one item per alert, `A#<monitor>` / `<kind>#<subject>#<severity>`, holding
 * the state machine's state, a version number every write increments (writes are conditional on the version
 * read, so two runs cannot both move an alert or both send its notification), the outbox of notifications
 * not yet delivered (`pending`), and the publishing run's claim on them.
 */
export const ALERT_STATE_PREFIX = 'A#';

export interface PendingNotification {
  /** Stable notification id (see buildAlertMessage). */
  readonly id: string;
  readonly kind: NotificationKind;
  readonly subject: string;
  readonly message: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Evaluation time that queued it (epoch ms). */
  readonly createdAt: number;
}

/** A run that is publishing an alert's pending notifications. */
export interface PublishClaim {
  readonly by: string;
  /** Wall-clock time of the claim (epoch ms). */
  readonly at: number;
}

export interface DeliveryStatus {
  /** Failed publish attempts since the last success. */
  readonly failures: number;
  readonly lastError?: string;
  readonly lastAttemptAt?: number;
}

export interface StoredAlert {
  readonly key: AlertKey;
  readonly state: AlertState;
  /** 0 for an alert never written. */
  readonly version: number;
  readonly pending: readonly PendingNotification[];
  readonly claim?: PublishClaim;
  readonly delivery?: DeliveryStatus;
}

/** History to write in the same transaction as a state change. */
export type EpisodeWrite =
  | {
      readonly kind: 'open';
      readonly firedAt: number;
      readonly drift?: { method: string; statistic: number | null; threshold: number };
    }
  | { readonly kind: 'close'; readonly firedAt: number; readonly resolvedAt: number };

export function alertStateKey(key: AlertKey): StateKey {
  return { pk: `${ALERT_STATE_PREFIX}${key.monitor}`, sk: alertId(key) };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function streakFrom(value: unknown): AlertStreak | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { direction, count, since } = value as Record<string, unknown>;
  if (
    (direction !== 'open' && direction !== 'resolve') ||
    typeof count !== 'number' ||
    typeof since !== 'number'
  ) {
    return undefined;
  }
  return { direction, count, since };
}

function pendingFrom(value: unknown): PendingNotification[] {
  if (!Array.isArray(value)) return [];
  const out: PendingNotification[] = [];
  for (const p of value) {
    if (typeof p !== 'object' || p === null) continue;
    const { id, kind, subject, message, attributes, createdAt } = p as Record<string, unknown>;
    if (typeof id !== 'string' || typeof subject !== 'string' || typeof message !== 'string') continue;
    if (kind !== 'firing' && kind !== 'renotify' && kind !== 'resolved') continue;
    const attrs: Record<string, string> = {};
    if (typeof attributes === 'object' && attributes !== null) {
      for (const [k, v] of Object.entries(attributes)) if (typeof v === 'string') attrs[k] = v;
    }
    out.push({ id, kind, subject, message, attributes: attrs, createdAt: num(createdAt) ?? 0 });
  }
  return out;
}

/** Reads an alert item back; undefined when it is not one. */
export function storedAlertFromItem(item: Readonly<Record<string, unknown>>): StoredAlert | undefined {
  const pk = String(item.pk ?? '');
  if (!pk.startsWith(ALERT_STATE_PREFIX)) return undefined;
  const key = parseAlertId(pk.slice(ALERT_STATE_PREFIX.length), String(item.sk ?? ''));
  const status = item.status;
  if (!key || (status !== 'ok' && status !== 'firing' && status !== 'resolved')) return undefined;
  const streak = streakFrom(item.streak);
  const firingSince = num(item.firingSince);
  const resolvedAt = num(item.resolvedAt);
  const lastNotifiedAt = num(item.lastNotifiedAt);
  const state: AlertState = {
    status,
    updatedAt: num(item.updatedAt) ?? 0,
    notifications: num(item.notifications) ?? 0,
    ...(firingSince === undefined ? {} : { firingSince }),
    ...(resolvedAt === undefined ? {} : { resolvedAt }),
    ...(lastNotifiedAt === undefined ? {} : { lastNotifiedAt }),
    ...(streak ? { streak } : {}),
  };
  const claim = item.claim as { by?: unknown; at?: unknown } | undefined;
  const delivery = item.delivery as
    | { failures?: unknown; lastError?: unknown; lastAttemptAt?: unknown }
    | undefined;
  return {
    key,
    state,
    version: num(item.version) ?? 0,
    pending: pendingFrom(item.pending),
    ...(claim && typeof claim.by === 'string' && typeof claim.at === 'number'
      ? { claim: { by: claim.by, at: claim.at } }
      : {}),
    ...(delivery && typeof delivery.failures === 'number'
      ? {
          delivery: {
            failures: delivery.failures,
            ...(typeof delivery.lastError === 'string' ? { lastError: delivery.lastError } : {}),
            ...(typeof delivery.lastAttemptAt === 'number' ? { lastAttemptAt: delivery.lastAttemptAt } : {}),
          },
        }
      : {}),
  };
}

/** The item written for an alert (every write replaces the whole item). */
export function alertItem(alert: StoredAlert): Record<string, unknown> {
  const { key, state } = alert;
  return {
    ...alertStateKey(key),
    monitor: key.monitor,
    kind: key.kind,
    subject: key.subject,
    severity: key.severity,
    ...state,
    version: alert.version,
    pending: alert.pending.map((p) => ({ ...p, attributes: { ...p.attributes } })),
    ...(alert.claim ? { claim: alert.claim } : {}),
    ...(alert.delivery ? { delivery: alert.delivery } : {}),
  };
}

/** Every alert of a monitor (one Query, strongly consistent: the version must be the latest). */
export async function readAlertStates(deps: StateReaderDeps, monitor: string): Promise<StoredAlert[]> {
  const out: StoredAlert[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await deps.client.send(
      new QueryCommand({
        TableName: deps.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `${ALERT_STATE_PREFIX}${monitor}` },
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const alert = storedAlertFromItem(item);
      if (alert) out.push(alert);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

function isConditionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ConditionalCheckFailedException') return true;
  if (error.name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: readonly { Code?: string }[] }).CancellationReasons;
  return Array.isArray(reasons) && reasons.some((r) => r?.Code === 'ConditionalCheckFailed');
}

/**
 * Writes an alert if its stored version is still `expectedVersion` (0: the item must not exist), with the
 * history item of an opened or closed episode in the same transaction. Returns false when another run
 * changed the alert first (nothing is written then).
 *
 * @throws any DynamoDB error other than the condition failing.
 */
export async function writeAlertState(
  deps: StateReaderDeps,
  alert: StoredAlert,
  expectedVersion: number,
  episode?: EpisodeWrite,
): Promise<boolean> {
  const condition =
    expectedVersion === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : {
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        };
  const put = { TableName: deps.tableName, Item: alertItem(alert), ...condition };
  try {
    if (!episode) {
      await deps.client.send(new PutCommand(put));
    } else {
      const history =
        episode.kind === 'open'
          ? {
              Put: {
                TableName: deps.tableName,
                Item: episodeItem(alert.key, episode.firedAt, episode.drift),
              },
            }
          : {
              Update: {
                TableName: deps.tableName,
                ...episodeResolution(alert.key, episode.firedAt, episode.resolvedAt),
              },
            };
      await deps.client.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, history] }));
    }
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
