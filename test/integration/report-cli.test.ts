import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runReport } from '../../functions/cli/report-command.ts';
import type { WeeklyReport } from '../../functions/report/report-types.ts';
import { CONFIG_YAML, weekEvents } from '../unit/report/week-scenario.ts';

/** `driftwatch report --week … --events … --out …` on files, as a user runs it. */

const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });

describe('Function: runReport (driftwatch report)', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'driftwatch-report-cli-'));
  const config = join(dir, 'driftwatch.yaml');
  const events = join(dir, 'events.jsonl');
  const out = join(dir, 'out', 'w47');

  beforeAll(() => {
    writeFileSync(config, CONFIG_YAML);
    writeFileSync(
      events,
      `${weekEvents(12_000)
        .map((e) => JSON.stringify(e))
        .join('\n')}\n{"broken": \n`,
    );
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('an events file gives report.html, report.json and summary.txt in a new output directory', async () => {
    // Act
    const result = await runReport({ week: '2026-W47', out, config, events }, quiet);

    // Assess
    expect(result.files).toEqual({
      html: join(out, 'report.html'),
      json: join(out, 'report.json'),
      summary: join(out, 'summary.txt'),
    });
    const html = readFileSync(result.files.html, 'utf8');
    const report = JSON.parse(readFileSync(result.files.json, 'utf8')) as WeeklyReport;
    const summary = readFileSync(result.files.summary, 'utf8');
    expect(html).toContain('<h1>driftwatch weekly governance report — 2026-W47</h1>');
    expect(report.week).toBe('2026-W47');
    expect(report.source).toBe(`events file ${events}`);
    expect(report.monitors.map((m) => m.monitor)).toEqual(['fraud-screening', 'review-agent']);
    expect(report.rejections).toMatchObject({ available: true, total: 1, undated: 1 });
    expect(summary.split('\n')[0]).toBe('driftwatch weekly report 2026-W47 (2026-11-16 to 2026-11-22 UTC)');
    expect(result.text).toContain(summary);
    expect(result.text).toContain(`wrote ${result.files.html}`);
  });

  test('--at sets the report instant', async () => {
    const result = await runReport(
      { week: '2026-W47', out: join(dir, 'at'), config, events, at: '2026-11-24T00:00:00Z' },
      quiet,
    );
    expect((JSON.parse(readFileSync(result.files.json, 'utf8')) as WeeklyReport).asOf).toBe(
      '2026-11-24T00:00:00.000Z',
    );
  });

  test.each([
    [{ week: '2026-47' }, 'not an ISO week'],
    [{ week: '2026-W47', events: undefined }, 'give --events'],
    [{ week: '2026-W47', stateTable: 'x' }, 'not both'],
    [{ week: '2099-W01', events: undefined, stateTable: 'x' }, 'a weekly report covers a full week'],
    [{ week: '2026-W47', at: 'yesterday' }, '--at'],
  ])('the options %j are refused with a message saying %s', async (options, message) => {
    await expect(runReport({ out, config, events, ...options }, quiet)).rejects.toThrow(message);
  });
});
