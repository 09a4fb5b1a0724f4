import type { MonitorConfig } from '../domain/config/config-types.ts';
import { buildWeeklyReport } from '../report/build-weekly-report.ts';
import type { IsoWeek } from '../report/iso-week.ts';
import type { StateReaderDeps } from '../store/evaluation-batch-get.ts';
import type { StoreLogger } from '../store/logger.ts';
import { publishReport, type ReportPublishDeps, type StoredReport, storeReport } from './publish-report.ts';
import { renderArtefacts } from './report-artefacts.ts';
import { stateTableReportSource } from './state-table-source.ts';

export interface WeeklyReportDeps extends ReportPublishDeps {
  readonly state: StateReaderDeps;
  readonly config: MonitorConfig;
  /** For the console links in the announcement; omitted links when unknown. */
  readonly region?: string;
  readonly logger?: StoreLogger;
}

export interface WeeklyReportRun {
  readonly week: string;
  readonly asOf: string;
  readonly stored: StoredReport;
  readonly messageId: string | undefined;
  readonly subject: string;
  readonly monitors: number;
  readonly bucketsRead: number;
  readonly alertEpisodes: number;
}

/**
 * The report function's work: read the week from the State table, build and render the report, store the
 * HTML and JSON under the week's stable keys, then announce it. Storing comes first, so an announcement
 * always points at objects that exist; a failed publish fails the run and a retry overwrites the same keys
 * (a new version in the versioned bucket) and publishes again.
 * Complexity: The reads of stateTableReportSource, then 2 PutObject and 1 Publish.
 * @example await runWeeklyReport(deps, parseIsoWeek('2026-W47'), Date.parse('2026-11-23T06:00:00Z'))
 */
export async function runWeeklyReport(
  deps: WeeklyReportDeps,
  week: IsoWeek,
  asOf: number,
): Promise<WeeklyReportRun> {
  const read = await stateTableReportSource(deps.state, deps.config, week, asOf);
  const report = buildWeeklyReport(deps.config, week, read.source, { asOf });
  const artefacts = renderArtefacts(report);
  const stored = await storeReport(deps, artefacts);
  const { messageId } = await publishReport(deps, artefacts, stored, deps.region);
  deps.logger?.info('weekly report published', {
    week: week.name,
    htmlKey: stored.html.key,
    bucketsRead: read.bucketsRead,
    alertEpisodes: read.alertEpisodes,
  });
  return {
    week: week.name,
    asOf: report.asOf,
    stored,
    messageId,
    subject: artefacts.subject,
    monitors: report.monitors.length,
    bucketsRead: read.bucketsRead,
    alertEpisodes: read.alertEpisodes,
  };
}
