import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { EvaluationSnapshot } from '../evaluator/evaluation-snapshot.ts';
import type { StateReaderDeps } from './evaluation-batch-get.ts';
import type { StateKey } from './keys.ts';
import { TTL_ATTRIBUTE } from './table-definitions.ts';

/**
 * Evaluation snapshots for trends: `E#<monitor>` / `<asOf ISO>`, the snapshot as compact JSON (one string
 * attribute: cheaper than a nested map, whose every attribute name is billed), deleted by TTL after
 * {@link SNAPSHOT_TTL_MS}.
 */
export const SNAPSHOT_PREFIX = 'E#';

/** Five weeks: the weekly report compares a week with the one before, the dashboard shows 30 days. */
export const SNAPSHOT_TTL_MS = 35 * 24 * 60 * 60 * 1000;

export function snapshotKey(monitor: string, asOf: number): StateKey {
  return { pk: `${SNAPSHOT_PREFIX}${monitor}`, sk: new Date(asOf).toISOString() };
}

/** Stores one snapshot (idempotent: a re-run of the same evaluation overwrites it with the same content). */
export async function saveSnapshot(deps: StateReaderDeps, snapshot: EvaluationSnapshot): Promise<void> {
  const asOf = Date.parse(snapshot.asOf);
  await deps.client.send(
    new PutCommand({
      TableName: deps.tableName,
      Item: {
        ...snapshotKey(snapshot.monitor, asOf),
        snapshot: JSON.stringify(snapshot),
        [TTL_ATTRIBUTE]: Math.floor((asOf + SNAPSHOT_TTL_MS) / 1000),
      },
    }),
  );
}

/**
 * The snapshots of a monitor evaluated in [from, to), oldest first (a Query on the sort key range, paginated).
 * O(snapshots).
 *
 * @example const lastWeek = await readSnapshots(deps, 'support-triage', Date.now() - 7 * 86_400_000, Date.now());
 */
export async function readSnapshots(
  deps: StateReaderDeps,
  monitor: string,
  from: number,
  to: number,
): Promise<EvaluationSnapshot[]> {
  if (!(from < to)) return [];
  const out: EvaluationSnapshot[] = [];
  const toIso = new Date(to).toISOString();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await deps.client.send(
      new QueryCommand({
        TableName: deps.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': `${SNAPSHOT_PREFIX}${monitor}`,
          ':from': new Date(from).toISOString(),
          ':to': toIso,
        },
        ...(deps.consistentRead ? { ConsistentRead: true } : {}),
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      if (item.sk === toIso || typeof item.snapshot !== 'string') continue;
      out.push(JSON.parse(item.snapshot) as EvaluationSnapshot);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}
