import { readJsonlLines } from '../cli/jsonl-lines.ts';
import type { MonitorConfig } from '../domain/config/config-types.ts';
import { foldOptionsLookup } from '../domain/counters/fold-options-from-config.ts';
import { validateEvent } from '../domain/events/validate-event.ts';
import { InMemoryPipeline } from '../offline/in-memory-pipeline.ts';
import { RawSampleIndex } from '../offline/raw-sample-index.ts';
import { type ConfidenceOutcomes, confidenceOutcomesFromRecords } from '../report/confidence-outcomes.ts';
import type { RejectionCounts, ReportSource } from '../report/report-source.ts';
import { cachedRanges, memoisedBuckets, sumOfCover } from './bucket-window-source.ts';

const MINUTE_MS = 60_000;

/** A refused event: why, and when it says it happened (undefined when its time was unreadable). */
export interface OfflineRejection {
  readonly time: number | undefined;
  readonly reason: string;
}

/**
 * Events folded the way the pipeline folds them (validation, pairing, counters), keeping what the weekly
 * report needs beyond the counters: the raw decisions (for the confidence trade-off and exact statistics) and
 * every refused event with its reason. Refused events are counted, never fatal: they are a report section.
 */
export class OfflineEvents {
  readonly pipeline: InMemoryPipeline;
  readonly rejections: OfflineRejection[] = [];
  accepted = 0;
  duplicates = 0;
  /** Epoch ms of the latest accepted event, -Infinity when there is none. */
  latest = Number.NEGATIVE_INFINITY;

  constructor(readonly config: MonitorConfig) {
    this.pipeline = new InMemoryPipeline(foldOptionsLookup(config));
  }

  /** Offers one parsed JSON value; `bytes` is its serialised size when known (a JSONL line's length). */
  add(raw: unknown, index: number, bytes?: number): void {
    const validation = validateEvent(raw, index, bytes);
    if (!validation.ok) {
      const [first] = validation.rejections;
      const reason = first
        ? first.path === ''
          ? first.reason
          : `${first.path}: ${first.reason}`
        : 'invalid';
      this.#reject(timeOf(raw), reason);
      return;
    }
    const outcome = this.pipeline.ingest(validation.event);
    const time = Date.parse(validation.event.time);
    switch (outcome.kind) {
      case 'accepted':
        this.accepted++;
        if (time > this.latest) this.latest = time;
        break;
      case 'duplicate':
        this.duplicates++;
        break;
      case 'conflict':
        // The ingest API refuses it the same way; the specific ids stay out of the reason so reasons group.
        this.#reject(
          time,
          'conflicts with an event already stored for the same decision or task (first wins)',
        );
        break;
      case 'unknown_monitor':
        this.#reject(time, `monitor: ${outcome.reason}`);
        break;
    }
  }

  /** Offers one JSONL line. */
  addLine(text: string, lineNumber: number, bytes: number): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.#reject(undefined, 'not valid JSON');
      return;
    }
    this.add(raw, lineNumber, bytes);
  }

  #reject(time: number | undefined, reason: string): void {
    this.rejections.push({ time, reason });
  }
}

function timeOf(raw: unknown): number | undefined {
  if (typeof raw !== 'object' || raw === null || !('time' in raw)) return undefined;
  const value = (raw as { time: unknown }).time;
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Reads a JSONL file of events into {@link OfflineEvents}. Streams the file; O(lines).
 * @example (await readEventsFile('traffic.jsonl', config)).rejections.length
 */
export async function readEventsFile(path: string, config: MonitorConfig): Promise<OfflineEvents> {
  const events = new OfflineEvents(config);
  for await (const batch of readJsonlLines(path)) {
    for (const line of batch) events.addLine(line.text, line.lineNumber, line.bytes);
  }
  return events;
}

/**
 * Folds events given in memory (generated traffic, tests). O(events).
 * @example offlineEventsFrom(generateTraffic(options), config).accepted
 */
export function offlineEventsFrom(events: Iterable<unknown>, config: MonitorConfig): OfflineEvents {
  const out = new OfflineEvents(config);
  let i = 0;
  for (const e of events) out.add(e, ++i);
  return out;
}

/**
 * The weekly report's source over folded events: counters as bucket sums of the minute counters (the same
 * integers `driftwatch evaluate` sums), raw values for exact drift and latency statistics, rejected events by
 * reason and the confidence × outcome counts from the raw decisions. No alert history: an events file has none.
 * Complexity: O(1) to build; reads as described above.
 * @example buildWeeklyReport(config, week, offlineReportSource(events, 'traffic.jsonl'))
 */
export function offlineReportSource(events: OfflineEvents, description: string): ReportSource {
  const pipeline = events.pipeline;
  const buckets = memoisedBuckets((monitor, start) => pipeline.minuteCounters.get(monitor)?.get(start));
  const confidence = new Map<string, ConfidenceOutcomes>();
  return {
    description,
    counters: cachedRanges((monitor, from, to) => sumOfCover(buckets, monitor, from, to)),
    raw: new RawSampleIndex(pipeline),
    rejections: (from, to) => rejectionsBetween(events.rejections, from, to),
    confidenceOutcomes: (monitor, positiveLabel, from, to) => {
      const key = `${monitor}\u001f${positiveLabel}\u001f${from}\u001f${to}`;
      let outcomes = confidence.get(key);
      if (!outcomes) {
        outcomes = confidenceOutcomesFromRecords(
          pipeline.decisions.values(),
          monitor,
          positiveLabel,
          from,
          to,
        );
        confidence.set(key, outcomes);
      }
      return outcomes;
    },
  };
}

/**
 * Rejections dated in [from, to), by reason. Lines whose time could not be read cannot be placed in a week;
 * they are included and counted separately as `undated`, so a broken file is never reported as clean.
 * Complexity: O(rejections).
 * @example rejectionsBetween([{ time: 5, reason: 'bad' }, { time: undefined, reason: 'not valid JSON' }], 0, 10).total // 2
 */
export function rejectionsBetween(
  rejections: readonly OfflineRejection[],
  from: number,
  to: number,
): RejectionCounts {
  const byReason: Record<string, number> = {};
  let total = 0;
  let undated = 0;
  for (const r of rejections) {
    if (r.time === undefined) undated++;
    else if (r.time < from || r.time >= to) continue;
    total++;
    byReason[r.reason] = (byReason[r.reason] ?? 0) + 1;
  }
  return { total, byReason, undated };
}

/**
 * The report instant for a file: the minute after its latest event, but never before the week's end.
 * Complexity: O(1).
 * @example offlineAsOf(events, week.to) // week.to when the file ends before it
 */
export function offlineAsOf(events: OfflineEvents, weekEnd: number): number {
  if (!Number.isFinite(events.latest)) return weekEnd;
  return Math.max(weekEnd, Math.floor(events.latest / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
}
