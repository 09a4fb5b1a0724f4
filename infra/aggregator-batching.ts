/**
 * How the stream aggregator's event source mapping batches records. Plain numbers without CDK imports, so
 * the write-cost benchmark (bench/ingest-cost.ts) replays traffic in the batches the deployed mapping forms.
 */

/**
 * Records per invocation, at most: large enough that a 30 s window fills by time, not by count, up to
 * about 160 events/s per shard. The aggregator folds a whole batch into counter deltas and writes them with
 * one transaction (plus a receipt) per group of ≤ 99 bucket items, so its write cost grows with the number
 * of distinct bucket items a batch touches (each update is billed for the whole item, up to ~27 KB for a
 * busy day bucket), not with the number of records: the bigger the batch, the more events share one ADD per
 * bucket item. Lambda also stops a batch at its 6 MB invocation payload (≈ 3,000 records of 2 KB).
 */
export const AGGREGATOR_BATCH_SIZE = 5_000;

/**
 * Seconds Lambda gathers records before invoking, unless the batch fills first. Measured with
 * `npx tsx bench/ingest-cost.ts 100 --window=S` at 100 events/s with prompt labels (AWS billing model):
 * 5 s → 1.92 write units per event, 15 s → 1.38, 30 s → 1.22, 60 s → 1.15; the target is ≤ 1.3. The
 * 30 s delay can move a full outage's page from the first evaluation after it starts to the second, which
 * is still within the two-period target (docs/decisions.md, entry 18).
 */
export const AGGREGATOR_MAX_BATCHING_WINDOW_SECONDS = 30;
