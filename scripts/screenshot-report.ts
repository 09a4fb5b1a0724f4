/**
 * Renders the weekly report of the test scenario (week 2026-W47 with a drift, an outage and a canary
 * regression; see test/unit/report/week-scenario.ts) and screenshots it in headless Chromium for the README:
 *   npx tsx scripts/screenshot-report.ts [--out docs/images/report.png] [--html report.html] [--height 1500]
 * Uses the Debian `chromium` (/usr/bin/chromium) with the flags of ../shared/TOOLING.md; never downloads one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command } from 'commander';
import { buildWeeklyReport } from '../functions/report/build-weekly-report.ts';
import { renderReportHtml } from '../functions/report/render/render-html.ts';
import { offlineEventsFrom, offlineReportSource } from '../functions/reporter/offline-source.ts';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium } from '../test/browser/chromium.ts';
import { CONFIG, WEEK, weekEvents } from '../test/unit/report/week-scenario.ts';

const options = new Command()
  .option('--out <file>', 'PNG to write', 'docs/images/report.png')
  .option('--html <file>', 'also write the HTML here')
  .option('--width <px>', 'viewport width', '1100')
  .option('--height <px>', 'height of the screenshot (the top of the page)', '1500')
  .parse()
  .opts<{ out: string; html?: string; width: string; height: string }>();

if (!chromiumAvailable()) {
  process.stderr.write(`${CHROMIUM_PATH} is not installed (apt-get install chromium)\n`);
  process.exit(1);
}

const report = buildWeeklyReport(
  CONFIG,
  WEEK,
  offlineReportSource(offlineEventsFrom(weekEvents(), CONFIG), 'generated traffic with incidents'),
);
const html = renderReportHtml(report);
if (options.html) writeFileSync(options.html, html);

const chromium = await launchChromium();
try {
  const page = await chromium.context.newPage();
  const width = Number(options.width);
  const height = Number(options.height);
  await page.setViewportSize({ width, height });
  await page.route('**/*', (route) => route.abort());
  await page.setContent(html, { waitUntil: 'load' });
  mkdirSync(dirname(options.out), { recursive: true });
  await page.screenshot({ path: options.out, clip: { x: 0, y: 0, width, height } });
  process.stderr.write(`wrote ${options.out} (${width}×${height})\n`);
} finally {
  await chromium.close();
}
