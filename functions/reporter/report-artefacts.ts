import { renderReportHtml } from '../report/render/render-html.ts';
import { renderSummary, reportSubject } from '../report/render/render-summary.ts';
import type { WeeklyReport } from '../report/report-types.ts';

/** The three outputs of a weekly report and the subject its announcement carries. */
export interface ReportArtefacts {
  readonly report: WeeklyReport;
  /** Self-contained HTML page. */
  readonly html: string;
  /** The report model, pretty-printed JSON. */
  readonly json: string;
  /** Short plain-text summary. */
  readonly summary: string;
  /** SNS subject, ≤ 100 characters. */
  readonly subject: string;
}

/**
 * Renders every output of a report. Pure; O(size of the report).
 * @example renderArtefacts(report).subject // 'driftwatch 2026-W47: 1 SLO missed, 2 drift incidents'
 */
export function renderArtefacts(report: WeeklyReport): ReportArtefacts {
  return {
    report,
    html: renderReportHtml(report),
    json: `${JSON.stringify(report, null, 2)}\n`,
    summary: renderSummary(report),
    subject: reportSubject(report),
  };
}

/** File names the CLI writes into its output directory. */
export const REPORT_FILE_NAMES = {
  html: 'report.html',
  json: 'report.json',
  summary: 'summary.txt',
} as const;

/**
 * The stable object keys of a week's report: a re-run overwrites the same key, and the versioned bucket keeps
 * the earlier version, so a link to the key always opens the latest report of that week.
 *
 * @example reportObjectKeys('2026-W47').html // 'reports/2026-W47/driftwatch-2026-W47.html'
 */
export function reportObjectKeys(week: string): { readonly html: string; readonly json: string } {
  const base = `reports/${week}/driftwatch-${week}`;
  return { html: `${base}.html`, json: `${base}.json` };
}
