import type { MonitorConfig, TimesliceSloConfig } from '../domain/config/config-types.ts';
import type { CounterSet } from '../domain/counters/counter-set.ts';
import { buildWeeklyReport } from '../report/build-weekly-report.ts';
import { confidenceOutcomesFromCounters } from '../report/confidence-outcomes.ts';
import type { IsoWeek } from '../report/iso-week.ts';
import type { AlertEpisode, ReportSource } from '../report/report-source.ts';
import { readAlertEpisodes } from '../store/alert-history-store.ts';
import type { StateReaderDeps } from '../store/evaluation-batch-get.ts';
import {
  readStoredTimeslices,
  type StoredTimeslices,
  timesliceDays,
} from '../store/evaluation-timeslices.ts';
import {
  type BucketWindowSource,
  RecordingWindowSource,
  readRecordedBuckets,
} from '../store/state-bucket-source.ts';
import { cachedRanges } from './bucket-window-source.ts';

const DAY_MS = 86_400_000;

export interface StateSourceRead {
  readonly source: ReportSource;
  /** Items read: counter buckets, stored timeslice days and alert-history queries' items. */
  readonly bucketsRead: number;
  readonly timesliceDaysRead: number;
  readonly alertEpisodes: number;
}

function unknownMonitor(monitor: string): Error {
  return new Error(`monitor ${monitor} is not in the configuration the report was prepared for`);
}

/**
 * The weekly report's source over the State table, read up front so the report itself stays pure and
 * synchronous (the evaluator reads the same way, see store/state-bucket-source.ts):
 * 1. per monitor, the stored timeslice measurements of the days the report's timeslice SLOs reach back to;
 * 2. a recording run of the report lists every counter range it needs (ranges depend on the configuration and
 *    the week, never on the counters);
 * 3. one bulk read per monitor of the union of those ranges' bucket covers, and the week's alert history.
 * The returned source answers from memory. Confidence × outcome counters (`cc`) are used when the fold writes
 * them; without them the report says the trade-off needs raw decisions.
 * Buckets are read as the aggregator left them: hour buckets live 35 days, so the 30-day period at the start of
 * a week run on Monday reads a day or two of hours that may already have expired (a timeslice SLO then measures
 * those slices from the stored slice items, which is why they are read first).
 *
 * Complexity: O(buckets + counters) reads, one BatchGetItem per 100 buckets per monitor.
 * @example const { source } = await stateTableReportSource({ client, tableName }, config, week, asOf)
 */
export async function stateTableReportSource(
  deps: StateReaderDeps,
  config: MonitorConfig,
  week: IsoWeek,
  asOf: number,
): Promise<StateSourceRead> {
  const stored = new Map<string, StoredTimeslices>();
  let timesliceDaysRead = 0;
  for (const monitor of config.monitors) {
    const timeslices = monitor.slos.filter(
      (s): s is TimesliceSloConfig => s.budgetingMethod === 'timeslices',
    );
    if (timeslices.length === 0) continue;
    // The burn-down starts with the period ending at the start of the week.
    const from = week.from - Math.max(...timeslices.map((s) => s.periodMs)) - DAY_MS;
    const read = await readStoredTimeslices(deps, monitor, timesliceDays(from, week.to));
    stored.set(monitor.name, read.slices);
    timesliceDaysRead += read.itemsRead;
  }

  const recordings = new Map(
    config.monitors.map((m) => [m.name, new RecordingWindowSource(stored.get(m.name))]),
  );
  const recording = (monitor: string): RecordingWindowSource => {
    const r = recordings.get(monitor);
    if (!r) throw unknownMonitor(monitor);
    return r;
  };
  const planning: ReportSource = {
    description: 'planning',
    counters: (m, from, to) => recording(m).counters(m, from, to),
    timeslice: (m, slo, from, to) => recording(m).timeslice(m, slo, from, to),
    alerts: () => [],
    confidenceOutcomes: (m, _positive, from, to) =>
      confidenceOutcomesFromCounters(recording(m).counters(m, from, to)),
  };
  buildWeeklyReport(config, week, planning, { asOf });

  const sources = new Map<string, BucketWindowSource>();
  const alerts = new Map<string, AlertEpisode[]>();
  let bucketsRead = 0;
  let alertEpisodes = 0;
  for (const monitor of config.monitors) {
    const read = await readRecordedBuckets(
      deps,
      monitor.name,
      recording(monitor.name),
      stored.get(monitor.name),
    );
    sources.set(monitor.name, read.source);
    bucketsRead += read.itemsRead;
    const episodes = await readAlertEpisodes(deps, monitor.name, week.from, week.to);
    alerts.set(monitor.name, episodes);
    alertEpisodes += episodes.length;
  }
  const bucketSource = (monitor: string): BucketWindowSource => {
    const s = sources.get(monitor);
    if (!s) throw unknownMonitor(monitor);
    return s;
  };
  const counters = cachedRanges((m, from, to): CounterSet => bucketSource(m).counters(m, from, to));
  return {
    source: {
      description: `State table ${deps.tableName}`,
      counters,
      timeslice: (m, slo, from, to) => bucketSource(m).timeslice(m, slo, from, to),
      alerts: (m, from, to) =>
        (alerts.get(m) ?? []).filter(
          (e) => e.firedAt < to && (e.resolvedAt === undefined || e.resolvedAt > from),
        ),
      confidenceOutcomes: (m, _positive, from, to) => confidenceOutcomesFromCounters(counters(m, from, to)),
    },
    bucketsRead,
    timesliceDaysRead,
    alertEpisodes,
  };
}
