import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../../functions/domain/config/load-config.ts';
import {
  evaluateEventsFile,
  InvalidEventLineError,
} from '../../../functions/offline/evaluate-events-file.ts';

const { config } = parseConfig(
  `version: 1
monitors:
  - name: triage
    positiveLabel: escalate
    slos: []
    alerts: { runbookUrl: https://runbooks.example.com/triage }
`,
  'test.yaml',
);
const dir = mkdtempSync(join(tmpdir(), 'driftwatch-offline-'));

function file(name: string, lines: readonly unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'));
  return path;
}

const decision = (id: string, time: string, extra: Record<string, unknown> = {}) => ({
  type: 'decision',
  id,
  monitor: 'triage',
  time,
  predicted: 'escalate',
  ...extra,
});
const label = (id: string, decisionId: string, actual: string) => ({
  type: 'label',
  id,
  monitor: 'triage',
  time: '2026-11-20T11:00:00Z',
  decisionId,
  actual,
});

describe('Function: evaluateEventsFile', () => {
  test('It tallies accepted events, duplicates and conflicts, and evaluates as of the minute after the latest event.', async () => {
    // Prepare
    const path = file('tally.jsonl', [
      decision('d1', '2026-11-20T10:00:00Z'),
      decision('d1', '2026-11-20T10:00:00Z'),
      label('l1', 'd1', 'escalate'),
      label('l2', 'd1', 'resolve'),
      '',
      decision('d2', '2026-11-20T10:30:10Z'),
    ]);

    // Act
    const result = await evaluateEventsFile(path, { config });

    // Assess
    expect(result.events).toEqual({
      lines: 5,
      accepted: 3,
      duplicates: 1,
      conflicts: 1,
      rejected: 0,
      rejectionsByReason: {},
      firstRejections: [],
    });
    expect(result.asOf).toBe('2026-11-20T11:01:00.000Z');
    // The hour ends at 11:01 and starts at 10:01, after d1; the day holds both decisions.
    const windows = result.monitors[0]?.windows ?? [];
    expect(windows.find((w) => w.window === '1h')).toMatchObject({ decisions: 1, quality: { labelled: 0 } });
    expect(windows.find((w) => w.window === '1d')).toMatchObject({ decisions: 2, quality: { labelled: 1 } });
  });

  test.each<[string, unknown[], string]>([
    [
      'a line that is not JSON',
      [decision('d1', '2026-11-20T10:00:00Z'), '{"type":'],
      'tally.jsonl:2: not valid JSON',
    ],
    [
      'a line that is JSON but not an object',
      ['[1, 2]'],
      ':1: Invalid input: expected object, received array',
    ],
    [
      'an invalid field',
      [decision('d1', '2026-11-20T10:00:00Z', { confidence: 2 })],
      ':1: confidence: Too big: expected number to be <=1',
    ],
    [
      'an unknown monitor',
      [{ ...decision('d1', '2026-11-20T10:00:00Z'), monitor: 'other' }],
      ':1: monitor: monitor "other" is not in the configuration',
    ],
  ])('It stops at %s with the file, line, path and reason.', async (_what, lines, message) => {
    // Prepare
    const path = file('tally.jsonl', lines);

    // Act
    const run = evaluateEventsFile(path, { config });

    // Assess
    await expect(run).rejects.toThrow(InvalidEventLineError);
    await expect(run).rejects.toThrow(message);
    await expect(run).rejects.toThrow('(use --skip-invalid to skip and count bad lines)');
  });

  test('It skips and counts bad lines by reason when asked, most frequent first, and evaluates the rest.', async () => {
    // Prepare
    const path = file('skip.jsonl', [
      decision('d1', '2026-11-20T10:00:00Z'),
      'not json',
      decision('d2', '2026-11-20T10:00:00Z', { confidence: 2 }),
      decision('d3', '2026-11-20T10:00:00Z', { confidence: 3 }),
      { ...decision('d4', '2026-11-20T10:00:00Z'), monitor: 'other' },
    ]);

    // Act
    const result = await evaluateEventsFile(path, { config, skipInvalid: true });

    // Assess
    expect(result.events.accepted).toBe(1);
    expect(result.events.rejected).toBe(4);
    expect(Object.entries(result.events.rejectionsByReason)).toEqual([
      ['Too big: expected number to be <=1', 2],
      [expect.stringMatching(/^not valid JSON: /), 1],
      ['monitor "other" is not in the configuration', 1],
    ]);
    expect(result.events.firstRejections.map((r) => [r.line, r.path])).toEqual([
      [2, ''],
      [3, 'confidence'],
      [4, 'confidence'],
      [5, 'monitor'],
    ]);
  });

  test('It evaluates as of the given time, leaving later events out of the windows.', async () => {
    // Prepare
    const path = file('at.jsonl', [
      decision('d1', '2026-11-20T10:00:00Z'),
      decision('d2', '2026-11-20T12:00:00Z'),
    ]);

    // Act
    const result = await evaluateEventsFile(path, { config, at: Date.parse('2026-11-20T10:30:30Z') });

    // Assess
    expect(result.asOf).toBe('2026-11-20T10:30:00.000Z');
    const hour = result.monitors[0]?.windows.find((w) => w.window === '1h');
    expect(hour).toMatchObject({ decisions: 1, to: '2026-11-20T10:30:00.000Z' });
  });

  test('It reports progress in bytes read as it goes.', async () => {
    // Prepare
    const path = file('progress.jsonl', [decision('d1', '2026-11-20T10:00:00Z')]);
    const seen: number[] = [];

    // Act
    await evaluateEventsFile(path, { config, onProgress: (bytes) => seen.push(bytes) });

    // Assess
    expect(seen.at(-1)).toBe(JSON.stringify(decision('d1', '2026-11-20T10:00:00Z')).length);
  });
});
