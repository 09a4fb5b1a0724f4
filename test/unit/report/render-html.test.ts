import { beforeAll, describe, expect, test } from 'vitest';
import { buildWeeklyReport } from '../../../functions/report/build-weekly-report.ts';
import { renderReportHtml } from '../../../functions/report/render/render-html.ts';
import type { WeeklyReport } from '../../../functions/report/report-types.ts';
import { offlineEventsFrom, offlineReportSource } from '../../../functions/reporter/offline-source.ts';
import { CONFIG, WEEK, weekEvents } from './week-scenario.ts';

const SLOW = { timeout: 120_000 };

function svgs(html: string): string[] {
  return [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
}

describe('Function: renderReportHtml', SLOW, () => {
  let report: WeeklyReport;
  let html: string;

  beforeAll(() => {
    report = buildWeeklyReport(
      CONFIG,
      WEEK,
      offlineReportSource(offlineEventsFrom(weekEvents(), CONFIG), 'scenario'),
    );
    html = renderReportHtml(report);
  }, SLOW.timeout);

  test('the page is self-contained: no script, stylesheet link, image, frame, font or remote URL', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|@font-face/i);
    expect(html).not.toMatch(/\ssrc=/i);
    // The only URL is the SVG namespace; url(...) only points at patterns inside the page.
    const urls = [...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
    for (const m of html.matchAll(/url\(([^)]*)\)/g)) expect(m[1]).toMatch(/^#[a-z0-9-]+$/);
  });

  test('every chart has a title, a description and at least one drawn value', () => {
    const charts = svgs(html);
    expect(charts.length).toBeGreaterThanOrEqual(12);
    for (const svg of charts) {
      expect(svg).toMatch(/<title id="[^"]+">[^<]{10,}<\/title>/);
      expect(svg).toMatch(/<desc id="[^"]+">[^<]+<\/desc>/);
      const points = [...svg.matchAll(/data-points="(\d+)"/g)].reduce((s, m) => s + Number(m[1]), 0);
      expect(points).toBeGreaterThan(0);
    }
  });

  test('chart ids, and so the pattern ids they prefix, are unique in the page', () => {
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('each SLO has a burn-down with the "budget exhausted" line and a daily chart with its objective line', () => {
    for (const m of report.monitors) {
      for (const [i, slo] of m.slos.entries()) {
        const burn = svgs(html).find((s) => s.includes(`id="${m.monitor}-slo-${i}-burn-down"`));
        const daily = svgs(html).find((s) => s.includes(`id="${m.monitor}-slo-${i}-daily"`));
        expect(burn).toContain('data-value="0"');
        expect(daily).toContain(`data-value="${slo.objective}"`);
      }
    }
  });

  test('the tables carry the numbers the charts draw (mail clients may drop SVG)', () => {
    const fraud = report.monitors[0];
    expect(html).toContain('<h2>fraud-screening</h2>');
    expect(html).toContain(`${((fraud?.slos[0]?.week.ratio ?? 0) * 100).toFixed(1)}% <span class="meta">(`);
    expect(html).toContain((fraud?.quality.week?.f1 ?? 0).toFixed(3));
    expect(html).toContain('✘ missed');
    expect(html).toContain('✔ met');
    expect(html).toContain('Drift incidents');
    expect(html).toContain('Confidence threshold trade-off');
  });

  test('text from the configuration and the data is escaped', () => {
    // Prepare
    const hostile: WeeklyReport = {
      ...report,
      monitors: report.monitors.map((m) => ({ ...m, description: '<img src=x onerror=alert(1)> & more' })),
    };

    // Act
    const out = renderReportHtml(hostile);

    // Assess
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; more');
    expect(out).not.toContain('<img');
  });

  test('the model is plain JSON: every number is finite, so the JSON file equals the data the page shows', () => {
    const walk = (v: unknown): void => {
      if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(report);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
