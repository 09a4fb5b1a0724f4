import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildWeeklyReport } from '../../functions/report/build-weekly-report.ts';
import { renderReportHtml } from '../../functions/report/render/render-html.ts';
import { offlineEventsFrom, offlineReportSource } from '../../functions/reporter/offline-source.ts';
import {
  CHROMIUM_PATH,
  chromiumAvailable,
  type LaunchedChromium,
  launchChromium,
} from '../browser/chromium.ts';
import { CONFIG, WEEK, weekEvents } from '../unit/report/week-scenario.ts';

// The callbacks below run in the browser; the project compiles without the DOM library, so the few SVG
// methods they call are typed inline.

/**
 * The report as a browser renders it: headless Chromium (the Debian package; CI installs it) opens the
 * HTML with the network blocked and checks that the page loads without a console error or a request, and
 * that every chart is drawn with a title and data. Skipped only when Chromium is not installed.
 */

const available = chromiumAvailable();
if (!available) {
  console.warn(`report browser test skipped: ${CHROMIUM_PATH} is not installed (apt-get install chromium)`);
}

interface ChartInfo {
  readonly id: string;
  readonly title: string;
  readonly visibleTitle: string;
  readonly width: number;
  readonly height: number;
  /** Drawn data elements: series paths with a length, bars and spans with an area, markers. */
  readonly drawnPaths: number;
  readonly drawnRects: number;
  readonly declaredPoints: number;
}

describe.skipIf(!available)(
  `Function: renderReportHtml in headless Chromium${available ? '' : ` (skipped: ${CHROMIUM_PATH} is not installed)`}`,
  { timeout: 180_000 },
  () => {
    let chromium: LaunchedChromium;
    let charts: ChartInfo[];
    const errors: string[] = [];
    const requests: string[] = [];
    let documentHeight = 0;

    beforeAll(async () => {
      // Prepare
      const report = buildWeeklyReport(
        CONFIG,
        WEEK,
        offlineReportSource(offlineEventsFrom(weekEvents(), CONFIG), 'scenario'),
      );
      const html = renderReportHtml(report);
      chromium = await launchChromium();
      const page = await chromium.context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      await page.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.abort();
      });

      // Act
      await page.setContent(html, { waitUntil: 'load' });
      documentHeight = await page.$eval('html', (html) => html.scrollHeight);
      charts = await page.$$eval('svg.chart', (svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          const series = [...svg.querySelectorAll('g.series')];
          let drawnPaths = 0;
          let drawnRects = 0;
          let declaredPoints = 0;
          for (const g of series) {
            declaredPoints += Number(g.getAttribute('data-points') ?? 0);
            for (const p of g.querySelectorAll('path')) {
              if ((p as unknown as { getTotalLength(): number }).getTotalLength() > 0) drawnPaths++;
            }
            for (const r of g.querySelectorAll('rect, circle')) {
              const b = (r as unknown as { getBBox(): { width: number; height: number } }).getBBox();
              if (b.width > 0 && b.height > 0) drawnRects++;
            }
          }
          return {
            id: svg.id,
            title: svg.querySelector(':scope > title')?.textContent ?? '',
            visibleTitle: svg.querySelector('text.chart-title')?.textContent ?? '',
            width: box.width,
            height: box.height,
            drawnPaths,
            drawnRects,
            declaredPoints,
          };
        }),
      );
    }, 180_000);

    afterAll(async () => {
      await chromium?.close();
    });

    test('the page renders without console errors or warnings and without any network request', () => {
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(documentHeight).toBeGreaterThan(3000);
    });

    test('the page has the charts of every section: SLOs, quality, coverage, variants, completion, latency, drift, trade-off', () => {
      const ids = charts.map((c) => c.id);
      for (const id of [
        'fraud-screening-slo-0-burn-down',
        'fraud-screening-slo-0-daily',
        'fraud-screening-quality',
        'fraud-screening-coverage',
        'fraud-screening-f1-by-variant',
        'fraud-screening-drift',
        'fraud-screening-threshold',
        'review-agent-completion',
        'review-agent-latency',
      ]) {
        expect(ids).toContain(id);
      }
    });

    test('every chart is laid out with a size, has a title (tooltip and visible) and draws its data', () => {
      expect(charts.length).toBeGreaterThanOrEqual(15);
      for (const c of charts) {
        expect(c.title.length, c.id).toBeGreaterThan(10);
        // The visible title is the same text, wrapped onto two lines when long.
        expect(c.title.replace(/\s/g, ''), c.id).toContain(
          c.visibleTitle.replace(/\s/g, '').replace(/…$/, ''),
        );
        expect(c.visibleTitle.length, c.id).toBeGreaterThan(10);
        expect(c.width, c.id).toBeGreaterThan(200);
        expect(c.height, c.id).toBeGreaterThan(150);
        expect(c.declaredPoints, c.id).toBeGreaterThan(0);
        expect(c.drawnPaths + c.drawnRects, c.id).toBeGreaterThanOrEqual(c.declaredPoints);
      }
    });
  },
);
