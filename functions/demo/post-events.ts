import type { DriftwatchEvent } from '../domain/events/event-schema.ts';
import { EVENT_LIMITS } from '../domain/events/limits.ts';

/**
 * A producer, as a team would write one: POST /events in batches of at most 500, a few requests in flight,
 * and events answered "retry" (a 503 with Retry-After) sent again — safe, because the event id is the
 * idempotency key.
 */

export interface PostTally {
  accepted: number;
  duplicate: number;
  rejected: number;
  /** Requests that were answered 503 and re-sent. */
  retried: number;
  requests: number;
}

/** A tally with every count at zero. */
export function emptyTally(): PostTally {
  return { accepted: 0, duplicate: 0, rejected: 0, retried: 0, requests: 0 };
}

interface IngestResponse {
  readonly accepted?: number;
  readonly duplicate?: number;
  readonly rejected?: number;
  readonly results?: readonly { readonly index: number; readonly status: string; readonly reason?: string }[];
}

const MAX_ATTEMPTS = 8;

async function postBatch(url: string, batch: readonly DriftwatchEvent[], tally: PostTally): Promise<void> {
  let pending = batch;
  for (let attempt = 1; pending.length > 0; attempt++) {
    tally.requests++;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(pending),
    });
    const text = await response.text();
    if (response.status !== 200 && response.status !== 207 && response.status !== 503) {
      throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 300)}`);
    }
    const body = JSON.parse(text) as IngestResponse;
    tally.accepted += body.accepted ?? 0;
    tally.duplicate += body.duplicate ?? 0;
    tally.rejected += body.rejected ?? 0;
    if (response.status !== 503) return;
    if (attempt >= MAX_ATTEMPTS)
      throw new Error(`POST ${url}: events still answered "retry" after ${attempt} attempts`);
    tally.retried++;
    const retry = new Set((body.results ?? []).filter((r) => r.status === 'retry').map((r) => r.index));
    pending = pending.filter((_, i) => retry.has(i));
    const wait = Number(response.headers.get('retry-after') ?? '1');
    await new Promise((r) => setTimeout(r, Math.min(5, Math.max(0.05, wait)) * 1000 * 0.2 * attempt));
  }
}

/**
 * Posts events to `url` in batches of up to `batchSize` (≤ 500), `concurrency` requests at a time; returns
 * the tally. Batches of one request keep their order; separate batches may interleave, as they would from
 * several producer processes.
 *
 * @throws {Error} on an unexpected status, or events still refused with "retry" after 8 attempts.
 */
export async function postEvents(
  url: string,
  events: readonly DriftwatchEvent[],
  options: { readonly batchSize?: number; readonly concurrency?: number; readonly tally?: PostTally } = {},
): Promise<PostTally> {
  const tally = options.tally ?? emptyTally();
  const size = Math.min(EVENT_LIMITS.maxBatchEvents, options.batchSize ?? EVENT_LIMITS.maxBatchEvents);
  const batches: DriftwatchEvent[][] = [];
  for (let i = 0; i < events.length; i += size) batches.push(events.slice(i, i + size));
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < batches.length; i = next++) {
      const batch = batches[i];
      if (batch) await postBatch(url, batch, tally);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 3, batches.length)) }, worker),
  );
  return tally;
}
