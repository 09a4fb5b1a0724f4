import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseAt, runEvaluate } from '../../../functions/cli/evaluate-command.ts';
import type { FileEvaluation } from '../../../functions/offline/evaluate-events-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-cli-'));
const config = join(dir, 'driftwatch.yaml');
writeFileSync(
  config,
  `version: 1
monitors:
  - name: triage
    positiveLabel: escalate
    slos:
      - { name: escalation-recall, sli: recall, objective: 0.9, period: 30d, minEvents: 1 }
    alerts: { runbookUrl: https://runbooks.example.com/triage }
`,
);

const lines = [
  {
    type: 'decision',
    id: 'd1',
    monitor: 'triage',
    time: '2026-11-20T10:00:00Z',
    predicted: 'escalate',
    variant: 'canary',
  },
  { type: 'decision', id: 'd2', monitor: 'triage', time: '2026-11-20T10:20:00Z', predicted: 'resolve' },
  {
    type: 'label',
    id: 'l1',
    monitor: 'triage',
    time: '2026-11-20T10:40:00Z',
    decisionId: 'd1',
    actual: 'escalate',
  },
  {
    type: 'label',
    id: 'l2',
    monitor: 'triage',
    time: '2026-11-20T10:41:00Z',
    decisionId: 'd2',
    actual: 'escalate',
  },
];

function events(name: string, rows: readonly unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n')}\n`);
  return path;
}

const good = events('good.jsonl', lines);
const bad = events('bad.jsonl', [
  lines[0],
  lines[1],
  { ...lines[2], actual: '' },
  'oops',
  { ...lines[3], monitor: 'nobody' },
]);

/** A stderr stand-in: not a terminal, so no progress bar, and it keeps what was written. */
function sink(): NodeJS.WriteStream & { text: string } {
  const s = {
    text: '',
    isTTY: false,
    write(chunk: string): boolean {
      s.text += chunk;
      return true;
    },
  };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'functions/cli/main.ts', 'evaluate', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('Function: runEvaluate', () => {
  test('It prints a table with the event tally, the windows and the SLOs.', async () => {
    // Prepare
    const options = { events: good, config, format: 'table' as const };

    // Act
    const text = await runEvaluate(options, sink());

    // Assess
    expect(text).toContain(
      `${good}: 4 lines, 4 accepted, 0 duplicates, 0 conflicts, 0 rejected — as of 2026-11-20T10:42:00.000Z`,
    );
    expect(text).toContain('■ triage');
    expect(text).toMatch(/^window +decisions +labelled +coverage +precision +recall +F1/m);
    // Over 1h: both decisions, both labelled; precision 1/1, recall 1/2, F1 2/3.
    expect(text).toMatch(/^1h +2 +2 +100\.0% +1\.000 +0\.500 +0\.667/m);
    expect(text).toMatch(/^escalation-recall +recall +90\.00% +30d +50\.00%/m);
  });

  test('It prints JSON with every window and the counters behind it.', async () => {
    // Prepare
    const options = { events: good, config, format: 'json' as const };

    // Act
    const result = JSON.parse(await runEvaluate(options, sink())) as FileEvaluation;

    // Assess
    expect(result.events).toMatchObject({ lines: 4, accepted: 4 });
    const day = result.monitors[0]?.windows.find((w) => w.window === '1d');
    expect(day?.quality.binary).toMatchObject({ tp: 1, fp: 0, fn: 1, precision: 1, recall: 0.5 });
    expect(day?.counters['cm\u001fdefault\u001fcanary\u001fescalate\u001fescalate']).toBe(1);
    expect(day?.qualityByVariant.canary?.labelled).toBe(1);
    expect(result.monitors[0]?.slos[0]?.periodCounts).toEqual({ good: 1, total: 2 });
  });

  test('It evaluates as of --at: a decision after it is outside every window.', async () => {
    // Prepare
    const options = { events: good, config, format: 'json' as const, at: '2026-11-20T10:10:00Z' };

    // Act
    const result = JSON.parse(await runEvaluate(options, sink())) as FileEvaluation;

    // Assess
    expect(result.asOf).toBe('2026-11-20T10:10:00.000Z');
    const day = result.monitors[0]?.windows.find((w) => w.window === '1d');
    expect(day).toMatchObject({ to: '2026-11-20T10:10:00.000Z', decisions: 1 });
  });

  test('It stops at the first bad line with file:line: path: reason.', async () => {
    // Prepare
    const options = { events: bad, config, format: 'table' as const };

    // Act
    const run = runEvaluate(options, sink());

    // Assess
    await expect(run).rejects.toThrow(`${bad}:3: actual: Too small: expected string to have >=1 characters`);
  });

  test('It skips bad lines with --skip-invalid and counts them by reason.', async () => {
    // Prepare
    const options = { events: bad, config, format: 'table' as const, skipInvalid: true };

    // Act
    const text = await runEvaluate(options, sink());

    // Assess
    expect(text).toContain('5 lines, 2 accepted, 0 duplicates, 0 conflicts, 3 rejected');
    expect(text).toContain('  rejected ×1: Too small: expected string to have >=1 characters');
    expect(text).toMatch(/ {2}rejected ×1: not valid JSON: /);
    expect(text).toContain('  rejected ×1: monitor "nobody" is not in the configuration');
  });

  test('It rejects an --at that is not a time.', async () => {
    // Prepare
    const options = { events: good, config, format: 'table' as const, at: 'yesterday' };

    // Act
    const run = runEvaluate(options, sink());

    // Assess
    await expect(run).rejects.toThrow('--at: "yesterday" is not an ISO-8601 time');
  });
});

describe('Function: parseAt', () => {
  test.each<[string | undefined, number | undefined]>([
    [undefined, undefined],
    ['2026-11-20T12:00:00Z', Date.UTC(2026, 10, 20, 12)],
    ['2026-11-20T12:00:00+01:00', Date.UTC(2026, 10, 20, 11)],
  ])('It reads %s as %s.', (text, expected) => {
    // Prepare
    const input = text;

    // Act
    const at = parseAt(input);

    // Assess
    expect(at).toBe(expected);
  });
});

describe('Command: driftwatch evaluate', () => {
  test('It exits with 0 and prints JSON for a good file.', { timeout: 120_000 }, () => {
    // Prepare
    const args = ['--events', good, '--config', config, '--format', 'json'];

    // Act
    const run = cli(...args);

    // Assess
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as FileEvaluation).events.accepted).toBe(4);
  });

  test('It exits with 1 and names the file, line, path and reason of a bad line.', {
    timeout: 120_000,
  }, () => {
    // Prepare
    const args = ['--events', bad, '--config', config];

    // Act
    const run = cli(...args);

    // Assess
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`driftwatch: ${bad}:3: actual: Too small`);
  });

  test('It exits with 1 for a format it does not know.', { timeout: 120_000 }, () => {
    // Prepare
    const args = ['--events', good, '--config', config, '--format', 'xml'];

    // Act
    const run = cli(...args);

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/format/);
  });
});
