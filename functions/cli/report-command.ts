import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfigFile } from '../config/load-config-file.ts';
import { buildWeeklyReport } from '../report/build-weekly-report.ts';
import { parseIsoWeek } from '../report/iso-week.ts';
import { offlineAsOf, offlineReportSource, readEventsFile } from '../reporter/offline-source.ts';
import { REPORT_FILE_NAMES, renderArtefacts } from '../reporter/report-artefacts.ts';
import { stateTableReportSource } from '../reporter/state-table-source.ts';
import { stateTableClient } from './state-table-client.ts';

export interface ReportCommandOptions {
  /** ISO week, e.g. 2026-W47. */
  readonly week: string;
  /** Output directory (created when missing). */
  readonly out: string;
  readonly config: string;
  /** Offline: a JSONL file of events. */
  readonly events?: string;
  /** Against a State table: its DynamoDB endpoint (DynamoDB Local) … */
  readonly endpoint?: string;
  /** … and name. */
  readonly stateTable?: string;
  readonly region?: string;
  /** The report's instant (ISO-8601); default: the minute after the file's latest event, or now. */
  readonly at?: string;
}

export interface ReportCommandResult {
  /** What to print: the summary and the files written. */
  readonly text: string;
  readonly files: { readonly html: string; readonly json: string; readonly summary: string };
}

function parseTime(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new Error(`--at: "${text}" is not an ISO-8601 time (e.g. 2026-11-23T06:00:00Z)`);
  return t;
}

/**
 * `driftwatch report`: the weekly governance report of every configured monitor, from a JSONL file of events
 * (`--events`, offline and exact) or from a State table (`--state-table`, e.g. on DynamoDB Local via
 * `--endpoint`). Writes report.html, report.json and summary.txt to `--out`.
 * Complexity: O(events) offline; O(buckets read) against a State table.
 * @example await runReport({ week: '2026-W47', out: 'out', config: 'driftwatch.yaml', events: 'traffic.jsonl' })
 */
export async function runReport(
  options: ReportCommandOptions,
  stderr: NodeJS.WritableStream = process.stderr,
): Promise<ReportCommandResult> {
  const week = parseIsoWeek(options.week);
  const { config, warnings } = await loadConfigFile(options.config);
  for (const w of warnings) stderr.write(`warning: ${w.toString()}\n`);
  const at = parseTime(options.at);
  let report: ReturnType<typeof buildWeeklyReport>;
  if (options.events !== undefined) {
    if (options.stateTable !== undefined) throw new Error('give either --events or --state-table, not both');
    const events = await readEventsFile(options.events, config);
    const asOf = at ?? offlineAsOf(events, week.to);
    report = buildWeeklyReport(config, week, offlineReportSource(events, `events file ${options.events}`), {
      asOf,
    });
  } else if (options.stateTable !== undefined) {
    const asOf = at ?? Date.now();
    if (asOf < week.to) {
      throw new Error(
        `${week.name} ends ${new Date(week.to).toISOString()}; a weekly report covers a full week (use --at to report as of a later time)`,
      );
    }
    const client = stateTableClient(options);
    try {
      const read = await stateTableReportSource(
        { client, tableName: options.stateTable },
        config,
        week,
        asOf,
      );
      report = buildWeeklyReport(config, week, read.source, { asOf });
    } finally {
      client.destroy();
    }
  } else {
    throw new Error('give --events <file.jsonl> (offline) or --state-table <name> [--endpoint <url>]');
  }
  const artefacts = renderArtefacts(report);
  await mkdir(options.out, { recursive: true });
  const files = {
    html: join(options.out, REPORT_FILE_NAMES.html),
    json: join(options.out, REPORT_FILE_NAMES.json),
    summary: join(options.out, REPORT_FILE_NAMES.summary),
  };
  await writeFile(files.html, artefacts.html, 'utf8');
  await writeFile(files.json, artefacts.json, 'utf8');
  await writeFile(files.summary, artefacts.summary, 'utf8');
  return {
    text: `${artefacts.summary}\nwrote ${files.html}, ${files.json}, ${files.summary}\n`,
    files,
  };
}
