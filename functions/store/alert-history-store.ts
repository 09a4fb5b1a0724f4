import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type AlertKey, type AlertKind, alertId } from '../domain/alerts/alert-key.ts';
import type { AlertSeverity } from '../domain/slo/burn-rate-windows.ts';
import type { StateReaderDeps } from './evaluation-batch-get.ts';
import type { StateKey } from './keys.ts';
import { TTL_ATTRIBUTE } from './table-definitions.ts';

/**
 * Alert history: one item per incident (alert episode), written in the same transaction as the alert state
 * transition that opens or resolves it, so the weekly report can list alerts and their durations.
 * Key: `AH#<monitor>` / `<fired-at ISO>#<alert id>`, kept {@link ALERT_HISTORY_TTL_MS}.
 */
export const ALERT_HISTORY_PREFIX = 'AH#';

/** A year and a month: year-on-year comparisons of incident counts stay possible. */
export const ALERT_HISTORY_TTL_MS = 400 * 24 * 60 * 60 * 1000;

/** One alert from firing to resolution. */
export interface AlertEpisode {
  readonly monitor: string;
  readonly kind: AlertKind;
  /** The SLO name, the feature name, or `events` for "no data". */
  readonly subject: string;
  readonly severity: AlertSeverity;
  /** Epoch ms (evaluation time) of the transition to firing. */
  readonly firedAt: number;
  /** Epoch ms of the transition to resolved; absent while still firing. */
  readonly resolvedAt?: number;
  /** Drift alerts: the method, statistic and threshold when the alert fired. */
  readonly method?: string;
  readonly statistic?: number;
  readonly threshold?: number;
}

export function alertEpisodeKey(key: AlertKey, firedAt: number): StateKey {
  return {
    pk: `${ALERT_HISTORY_PREFIX}${key.monitor}`,
    sk: `${new Date(firedAt).toISOString()}#${alertId(key)}`,
  };
}

/** The history item of a new episode (a Put). */
export function episodeItem(
  key: AlertKey,
  firedAt: number,
  drift?: { method: string; statistic: number | null; threshold: number },
): Record<string, unknown> {
  return {
    ...alertEpisodeKey(key, firedAt),
    monitor: key.monitor,
    kind: key.kind,
    subject: key.subject,
    severity: key.severity,
    firedAt,
    ...(drift ? { method: drift.method, threshold: drift.threshold } : {}),
    ...(drift && drift.statistic !== null ? { statistic: drift.statistic } : {}),
    [TTL_ATTRIBUTE]: Math.floor((firedAt + ALERT_HISTORY_TTL_MS) / 1000),
  };
}

/** The UpdateItem that closes an episode (and recreates its identity fields if the item is missing). */
export function episodeResolution(key: AlertKey, firedAt: number, resolvedAt: number) {
  return {
    Key: alertEpisodeKey(key, firedAt),
    UpdateExpression:
      'SET resolvedAt = :r, monitor = if_not_exists(monitor, :m), kind = if_not_exists(kind, :k), ' +
      'subject = if_not_exists(subject, :s), severity = if_not_exists(severity, :v), ' +
      'firedAt = if_not_exists(firedAt, :f), #ttl = if_not_exists(#ttl, :t)',
    ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
    ExpressionAttributeValues: {
      ':r': resolvedAt,
      ':m': key.monitor,
      ':k': key.kind,
      ':s': key.subject,
      ':v': key.severity,
      ':f': firedAt,
      ':t': Math.floor((firedAt + ALERT_HISTORY_TTL_MS) / 1000),
    },
  };
}

function episodeFromItem(item: Record<string, unknown>): AlertEpisode | undefined {
  const { monitor, kind, subject, severity, firedAt, resolvedAt, method, statistic, threshold } = item;
  if (typeof monitor !== 'string' || typeof subject !== 'string' || typeof firedAt !== 'number')
    return undefined;
  if (kind !== 'slo' && kind !== 'drift' && kind !== 'nodata') return undefined;
  if (severity !== 'page' && severity !== 'ticket') return undefined;
  return {
    monitor,
    kind,
    subject,
    severity,
    firedAt,
    ...(typeof resolvedAt === 'number' ? { resolvedAt } : {}),
    ...(typeof method === 'string' ? { method } : {}),
    ...(typeof statistic === 'number' ? { statistic } : {}),
    ...(typeof threshold === 'number' ? { threshold } : {}),
  };
}

/**
 * The episodes of a monitor that were firing at some time in [from, to): fired before `to` and not resolved
 * before `from`. Queries the episodes fired before `to`, newest first. O(episodes in the history before `to`).
 *
 * @example const week = await readAlertEpisodes(deps, 'support-triage', weekStart, weekEnd);
 */
export async function readAlertEpisodes(
  deps: StateReaderDeps,
  monitor: string,
  from: number,
  to: number,
): Promise<AlertEpisode[]> {
  const out: AlertEpisode[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await deps.client.send(
      new QueryCommand({
        TableName: deps.tableName,
        KeyConditionExpression: 'pk = :pk AND sk < :to',
        ExpressionAttributeValues: {
          ':pk': `${ALERT_HISTORY_PREFIX}${monitor}`,
          ':to': new Date(to).toISOString(),
        },
        ...(deps.consistentRead ? { ConsistentRead: true } : {}),
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const episode = episodeFromItem(item);
      if (
        episode &&
        episode.firedAt < to &&
        (episode.resolvedAt === undefined || episode.resolvedAt >= from)
      ) {
        out.push(episode);
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out.sort((a, b) => a.firedAt - b.firedAt);
}
