import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetStateItems, itemId, type StateReaderDeps } from './evaluation-batch-get.ts';
import type { StateKey } from './keys.ts';

/**
 * A pinned drift baseline: the range a monitor's trailing baseline covered when someone froze it
 * (`freezeBaseline`), kept in the State table so every later evaluation compares with that fixed range
 * instead of the moving one. Key: `P#<monitor>` / `baseline`. No TTL: a pin lasts until it is removed.
 */
export const PINNED_BASELINE_PREFIX = 'P#';
export const PINNED_BASELINE_SK = 'baseline';

export interface PinnedBaseline {
  /** Inclusive start, epoch ms (minute-aligned). */
  readonly from: number;
  /** Exclusive end, epoch ms. */
  readonly to: number;
  /** When it was frozen (wall clock, epoch ms). */
  readonly frozenAt: number;
  /** The evaluation time the frozen range was computed for. */
  readonly asOf: number;
}

export function pinnedBaselineKey(monitor: string): StateKey {
  return { pk: `${PINNED_BASELINE_PREFIX}${monitor}`, sk: PINNED_BASELINE_SK };
}

/** The pin stored in an item; undefined when the item is not a well-formed pin. */
export function pinnedBaselineFromItem(
  item: Readonly<Record<string, unknown>> | undefined,
): PinnedBaseline | undefined {
  if (!item) return undefined;
  const { fromMs, toMs, frozenAt, asOf } = item;
  if (typeof fromMs !== 'number' || typeof toMs !== 'number' || !(fromMs < toMs)) return undefined;
  return {
    from: fromMs,
    to: toMs,
    frozenAt: typeof frozenAt === 'number' ? frozenAt : 0,
    asOf: typeof asOf === 'number' ? asOf : toMs,
  };
}

/** Stores (or replaces) a monitor's pinned baseline. */
export async function savePinnedBaseline(
  deps: StateReaderDeps,
  monitor: string,
  pin: PinnedBaseline,
): Promise<void> {
  await deps.client.send(
    new PutCommand({
      TableName: deps.tableName,
      Item: {
        ...pinnedBaselineKey(monitor),
        monitor,
        fromMs: pin.from,
        toMs: pin.to,
        from: new Date(pin.from).toISOString(),
        to: new Date(pin.to).toISOString(),
        frozenAt: pin.frozenAt,
        asOf: pin.asOf,
      },
    }),
  );
}

/** Removes a monitor's pin: its configured baseline applies again. */
export async function deletePinnedBaseline(deps: StateReaderDeps, monitor: string): Promise<void> {
  await deps.client.send(new DeleteCommand({ TableName: deps.tableName, Key: pinnedBaselineKey(monitor) }));
}

/** A monitor's pinned baseline, if any (one GetItem-sized read). */
export async function readPinnedBaseline(
  deps: StateReaderDeps,
  monitor: string,
): Promise<PinnedBaseline | undefined> {
  const key = pinnedBaselineKey(monitor);
  const items = await batchGetStateItems(deps, [key]);
  return pinnedBaselineFromItem(items.get(itemId(key)));
}
