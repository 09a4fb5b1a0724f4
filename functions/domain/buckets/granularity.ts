/**
 * Counter buckets are kept at four granularities. A window is read as the fewest buckets that tile it,
 * so the number of items read does not depend on traffic (see cover-window.ts).
 */
export const GRANULARITIES = ['1m', '10m', '1h', '1d'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const MINUTE = 60_000;

export const GRANULARITY_MS: Readonly<Record<Granularity, number>> = {
  '1m': MINUTE,
  '10m': 10 * MINUTE,
  '1h': 60 * MINUTE,
  '1d': 24 * 60 * MINUTE,
};

/** Finest first. */
export const GRANULARITIES_BY_SIZE: readonly Granularity[] = GRANULARITIES;

/** Start of the bucket of granularity `g` holding `timeMs` (UTC; days start at 00:00Z). */
export function bucketStart(timeMs: number, g: Granularity): number {
  const size = GRANULARITY_MS[g];
  return Math.floor(timeMs / size) * size;
}

/** A bucket: its granularity and start time (epoch ms). */
export interface BucketRef {
  readonly granularity: Granularity;
  readonly start: number;
}

/** A stable string id for a bucket, used to de-duplicate reads, e.g. `1h:2026-11-20T10:00:00.000Z`. */
export function bucketId(ref: BucketRef): string {
  return `${ref.granularity}:${new Date(ref.start).toISOString()}`;
}
