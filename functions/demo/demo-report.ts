import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildWeeklyReport } from '../report/build-weekly-report.ts';
import { isoWeekOf } from '../report/iso-week.ts';
import { REPORT_FILE_NAMES, renderArtefacts } from '../reporter/report-artefacts.ts';
import { stateTableReportSource } from '../reporter/state-table-source.ts';
import type { DemoReportContext } from './demo-runner.ts';

/**
 * The weekly report of the replayed week, from the local State table exactly as the report Lambda reads it
 * (`stateTableReportSource`), written as report.html, report.json and summary.txt into `outDir`. Returns the
 * HTML file's path.
 */
export async function writeDemoReport(context: DemoReportContext, outDir: string): Promise<string> {
  const { stack, config, scenario } = context;
  const week = isoWeekOf(scenario.weekStart);
  const asOf = Math.max(week.to, scenario.weekEnd);
  const read = await stateTableReportSource(
    { client: stack.doc, tableName: stack.tables.state, consistentRead: true },
    config,
    week,
    asOf,
  );
  const artefacts = renderArtefacts(buildWeeklyReport(config, week, read.source, { asOf }));
  await mkdir(outDir, { recursive: true });
  const html = join(outDir, REPORT_FILE_NAMES.html);
  await writeFile(html, artefacts.html, 'utf8');
  await writeFile(join(outDir, REPORT_FILE_NAMES.json), artefacts.json, 'utf8');
  await writeFile(join(outDir, REPORT_FILE_NAMES.summary), artefacts.summary, 'utf8');
  return html;
}
