import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { loadConfigFile } from '../../../functions/config/load-config-file.ts';
import { parseConfig } from '../../../functions/domain/config/load-config.ts';
import {
  type EvaluateFileOptions,
  evaluateEventsFile,
  type FileEvaluation,
} from '../../../functions/offline/evaluate-events-file.ts';
import { trafficForMonitor } from '../../../functions/offline/traffic-from-config.ts';
import { generateTraffic } from '../../../functions/offline/traffic-generator.ts';
import { history, MONITOR } from './world.ts';

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-fast-path-'));
const DAY = 86_400_000;

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Evaluates the file with the fast path on and off; both results, or both errors. */
async function bothWays(path: string, options: EvaluateFileOptions) {
  const settle = (p: Promise<FileEvaluation>) =>
    p.then(
      (value) => ({ value }),
      (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
    );
  const fast = await settle(evaluateEventsFile(path, { ...options, fastPath: true }));
  const reference = await settle(evaluateEventsFile(path, { ...options, fastPath: false }));
  return { fast, reference };
}

const { config: smallConfig } = parseConfig(
  `version: 1
monitors:
  - name: ${MONITOR}
    positiveLabel: a
    task: { sla: 10m }
    slos:
      - { name: recall, sli: recall, objective: 0.9, minEvents: 1 }
      - { name: completion, sli: completion, objective: 0.9, minEvents: 1 }
      - { name: latency, sli: latency, threshold: 5m, objective: 0.9, minEvents: 1 }
    drift:
      features:
        - { name: amount, kind: numeric }
        - { name: channel, kind: categorical, categories: [email, chat] }
        - { name: language, kind: categorical }
        - { name: flag, kind: boolean }
      includePrediction: true
      minSamples: 1
      window: 1h
      baseline: { trailing: { length: 2h, offset: 1h } }
    alerts: { runbookUrl: https://runbooks.example.com/m }
`,
  'small.yaml',
);

const decision = (id: string, time: string, extra = '') =>
  `{"type":"decision","id":"${id}","monitor":"${MONITOR}","time":"${time}","predicted":"a"${extra}}`;
const label = (id: string, decisionId: string, actual: string, time = '2026-11-20T11:00:00Z') =>
  `{"type":"label","id":"${id}","monitor":"${MONITOR}","time":"${time}","decisionId":"${decisionId}","actual":"${actual}"}`;
const task = (id: string, taskId: string, status: string, time: string, extra = '') =>
  `{"type":"task","id":"${id}","monitor":"${MONITOR}","time":"${time}","taskId":"${taskId}","status":"${status}"${extra}}`;

/** Every kind of line the fast path must hand to the exact path, or read exactly as it would. */
const MESSY_LINES = [
  `\uFEFF${decision('d0', '2026-11-20T09:59:00Z')}`,
  decision('d1', '2026-11-20T10:00:00Z', ',"task":"main","variant":"canary","confidence":0.75'),
  decision('d1', '2026-11-20T10:00:00Z'),
  decision(
    'd2',
    '2026-11-20T10:01:00.123456+01:00',
    ',"features":{"amount":1.5e2,"channel":"chat","flag":true}',
  ),
  decision('d3', '2026-11-20T10:02:00Z', ',"features":{"amount":-0,"language":"d\\u00e9","flag":"true"}'),
  decision('d4', '2026-11-20T10:03:00Z', ',"features":{"amount":1e400}'),
  decision('d5', '2026-11-20T10:04:00Z', ',"features":{"amount":123456789012345678901234567890,"channel":5}'),
  decision('dé6', '2026-11-20T10:05:00Z', ',"features":{"language":"日本"}'),
  decision('d\\"7', '2026-11-20T10:06:00Z'),
  ` \t${decision('d8', '2026-11-20T10:07:00Z')} \r`,
  '{ "type" : "decision" , "id" : "d9" , "monitor" : "m" , "time" : "2026-11-20T10:08:00Z" , "predicted" : "b" }',
  decision('d10', '2026-11-20T10:09:00Z', ',"features":{"amount":1,"amount":2}'),
  decision('d11', '2026-11-20T10:10:00Z', ',"extra":1'),
  decision('d12', '2026-11-20T10:11:00Z', ',"confidence":1.5'),
  decision('d13', '2026-11-20T24:00:00Z'),
  decision('d14', '2026-11-20T10:13:00Z', `,"version":"${'v'.repeat(300)}"`),
  decision('d15', '2026-11-20T10:14:00Z', `,"features":{"text":"${'x'.repeat(8200)}"}`),
  decision('d16', '2026-11-20T10:15:00Z', ',"features":{"__proto__":{"a":1},"amount":2}'),
  decision('d17', '2026-11-20T10:16:00Z', ',"predicted":"b"'),
  '{"type":"decision","id":"d18","monitor":"other","time":"2026-11-20T10:17:00Z","predicted":"a"}',
  '{"type":"decision","id":"d19","monitor":"Bad","time":"2026-11-20T10:18:00Z","predicted":"a"}',
  label('l1', 'd1', 'a'),
  label('l1', 'd1', 'a'),
  label('l2', 'd1', 'b'),
  label('l3', 'd20', 'a', '2026-11-20T09:00:00Z'),
  decision('d20', '2026-11-20T10:20:00Z'),
  label('l4', 'd2', 'a', '2026-11-27T10:00:00Z'),
  label('l5', 'd2\\u0000', 'a'),
  task('t1s', 't1', 'started', '2026-11-20T10:00:00Z', ',"deadline":"2026-11-20T10:03:00Z"'),
  task('t1e', 't1', 'completed', '2026-11-20T10:04:00Z', ',"task":"review"'),
  task('t1e', 't1', 'completed', '2026-11-20T10:04:00Z'),
  task('t1f', 't1', 'failed', '2026-11-20T10:05:00Z'),
  task('t2e', 't2', 'handed_off', '2026-11-20T10:06:00Z', ',"task":"triage"'),
  task('t2s', 't2', 'started', '2026-11-20T10:05:00Z'),
  task('t3s', 't3', 'started', '2026-11-20T10:07:00Z'),
  task('t3e', 't3', 'completed', '2026-11-20T10:30:00Z', ',"task":"default"'),
  task('t4s', 't4', 'paused', '2026-11-20T10:07:00Z'),
  '',
  '   ',
  '\r',
  'not json',
  '[1,2,3]',
  'null',
  '{"type":"label"',
  `${label('l6', 'd3', 'a')} trailing`,
  label('l7', 'd3', 'a'),
];

describe('Function: evaluateEventsFile, fast path', () => {
  test('It evaluates generated traffic exactly as the reference path does.', async () => {
    // Prepare
    const { config } = await loadConfigFile('config/driftwatch.example.yaml');
    const end = Date.parse('2026-11-20T00:00:00Z');
    const lines: string[] = [];
    for (const event of generateTraffic({
      monitors: config.monitors.map(trafficForMonitor),
      start: end - 2 * DAY,
      durationMs: 2 * DAY,
      events: 20_000,
      seed: 7,
    }))
      lines.push(JSON.stringify(event));
    const path = file('traffic.jsonl', `${lines.join('\n')}\n`);

    // Act
    const { fast, reference } = await bothWays(path, { config });

    // Assess
    expect(fast).toStrictEqual(reference);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(reference));
    expect('value' in fast && fast.value.events.accepted).toBeGreaterThan(15_000);
  });

  test('It gives the same tallies, rejections and evaluation for bad, duplicate, conflicting and late lines.', async () => {
    // Prepare
    const crlf = file('messy-crlf.jsonl', MESSY_LINES.join('\r\n'));
    const lf = file('messy.jsonl', `${MESSY_LINES.join('\n')}\n`);

    for (const path of [crlf, lf]) {
      // Act
      const { fast, reference } = await bothWays(path, { config: smallConfig, skipInvalid: true });

      // Assess
      expect(fast).toStrictEqual(reference);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(reference));
      const tally = 'value' in fast ? fast.value.events : undefined;
      expect(tally).toMatchObject({ duplicates: 3, conflicts: 2 });
      expect(tally?.rejected).toBeGreaterThan(15);
    }
  });

  test('It stops at the same first bad line, with the same message, when bad lines are not skipped.', async () => {
    // Prepare
    const paths = [2, 5, 8, 13, 19, 41].map((n) =>
      file(`stop-${n}.jsonl`, MESSY_LINES.slice(1, n).concat(MESSY_LINES.slice(n)).join('\n')),
    );

    for (const path of paths) {
      // Act
      const { fast, reference } = await bothWays(path, { config: smallConfig });

      // Assess
      expect(fast).toStrictEqual(reference);
      expect('error' in fast).toBe(true);
    }
  });

  test('It evaluates random histories, written with random spacing and evaluated at random times, as the reference does.', async () => {
    await fc.assert(
      fc.asyncProperty(
        history,
        fc.array(fc.constantFrom('', ' ', '\t'), { minLength: 1, maxLength: 4 }),
        fc.option(fc.integer({ min: 0, max: 10 * 60 }), { nil: undefined }),
        async (events, pads, atMinute) => {
          // Prepare
          const text = events
            .map((e, i) => `${pads[i % pads.length]}${JSON.stringify(e)}${pads[(i + 1) % pads.length]}`)
            .join('\n');
          const path = file('history.jsonl', text);
          const at =
            atMinute === undefined ? undefined : Date.parse('2026-11-20T00:00:00Z') + atMinute * 60_000;

          // Act
          const { fast, reference } = await bothWays(path, {
            config: smallConfig,
            skipInvalid: true,
            ...(at === undefined ? {} : { at }),
          });

          // Assess
          expect(fast).toStrictEqual(reference);
        },
      ),
      { numRuns: 40 },
    );
  });
});
