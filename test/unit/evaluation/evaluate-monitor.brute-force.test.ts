import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../../functions/domain/config/load-config.ts';
import {
  DEFAULT_TASK_SLA_MS,
  foldOptionsLookup,
} from '../../../functions/domain/counters/fold-options-from-config.ts';
import { evaluateMonitor } from '../../../functions/domain/evaluation/evaluate-monitor.ts';
import type { DriftwatchEvent } from '../../../functions/domain/events/event-schema.ts';
import { classifyTask, type TaskOutcome } from '../../../functions/domain/metrics/task-completion.ts';
import { InMemoryPipeline } from '../../../functions/offline/in-memory-pipeline.ts';
import { RawSampleIndex } from '../../../functions/offline/raw-sample-index.ts';
import { trafficForMonitor } from '../../../functions/offline/traffic-from-config.ts';
import { generateTraffic } from '../../../functions/offline/traffic-generator.ts';

/**
 * evaluateMonitor on generated traffic for the example configuration, checked against a brute-force
 * recomputation from the raw events: every decision and task is looked at directly (no counters, no
 * buckets), precision and recall are counted by hand, and every task is classified with classifyTask.
 */
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const { config } = parseConfig(readFileSync('config/driftwatch.example.yaml', 'utf8'), 'example.yaml');
const end = Date.parse('2026-11-20T12:00:00Z');
const generated = [
  ...generateTraffic({
    monitors: config.monitors.map(trafficForMonitor),
    start: end - 3 * DAY,
    durationMs: 3 * DAY,
    events: 12_000,
    seed: 7,
  }),
];
const latest = Math.max(...generated.map((e) => Date.parse(e.time)));
/** Tasks still open at the end, started 17 s to 40 min before it: some pending, some past their timeout. */
const openTasks: DriftwatchEvent[] = config.monitors.flatMap((m) =>
  Array.from({ length: 10 }, (_, k) => ({
    type: 'task' as const,
    id: `open-${m.name}-${k}`,
    monitor: m.name,
    time: new Date(latest - k * 4 * MINUTE - 17_000).toISOString(),
    taskId: `open-${m.name}-${k}`,
    status: 'started' as const,
    task: 'main',
  })),
);
const events = [...generated, ...openTasks];
/** As the CLI does by default: the minute after the latest event. */
const asOf = Math.floor(latest / MINUTE) * MINUTE + MINUTE;

function evaluateAll(input: readonly DriftwatchEvent[]) {
  const pipeline = new InMemoryPipeline(foldOptionsLookup(config));
  for (const e of input) pipeline.ingest(e);
  const source = { counters: pipeline.countersBetween.bind(pipeline), raw: new RawSampleIndex(pipeline) };
  return config.monitors.map((m) => evaluateMonitor(m, asOf, source));
}

/** The evaluated range of a window, from docs/decisions.md entry 2 (not from the code). */
function windowRange(windowMs: number): { from: number; to: number } {
  const to = Math.floor(asOf / MINUTE) * MINUTE;
  let resolution = MINUTE;
  for (const g of [MINUTE, 10 * MINUTE, 60 * MINUTE, DAY]) if (g <= windowMs / 24) resolution = g;
  return { from: Math.min(Math.ceil((to - windowMs) / resolution) * resolution, to), to };
}

interface RawDecision {
  readonly time: number;
  readonly predicted: string;
  readonly variant: string;
  actual?: string;
}

interface RawTask {
  start?: { time: number; task?: string };
  terminal?: { time: number; status: 'completed' | 'failed' | 'handed_off' };
}

/** First event of each slot wins, as the contract says. */
function rawFacts(monitor: string) {
  const decisions = new Map<string, RawDecision>();
  const labels = new Map<string, string>();
  const tasks = new Map<string, RawTask>();
  for (const e of events) {
    if (e.monitor !== monitor) continue;
    if (e.type === 'decision' && !decisions.has(e.id))
      decisions.set(e.id, {
        time: Date.parse(e.time),
        predicted: e.predicted,
        variant: e.variant ?? 'control',
      });
    if (e.type === 'label' && !labels.has(e.decisionId)) labels.set(e.decisionId, e.actual);
    if (e.type === 'task') {
      const t = tasks.get(e.taskId) ?? {};
      if (e.status === 'started')
        t.start ??= { time: Date.parse(e.time), ...(e.task ? { task: e.task } : {}) };
      else t.terminal ??= { time: Date.parse(e.time), status: e.status };
      tasks.set(e.taskId, t);
    }
  }
  for (const [id, actual] of labels) {
    const d = decisions.get(id);
    if (d) d.actual = actual;
  }
  return { decisions: [...decisions.values()], tasks: [...tasks.values()] };
}

const evaluations = evaluateAll(events);

describe('Function: evaluateMonitor (against a brute-force recomputation from raw events)', () => {
  const cases = config.monitors.flatMap((monitor, m) =>
    (evaluations[m]?.windows ?? []).map((w) => [monitor.name, w.window, monitor, m, w.windowMs] as const),
  );

  test.each(cases)(
    'It reports decisions, labels, precision and recall of %s over %s as counted by hand.',
    (_name, _w, monitor, m, windowMs) => {
      // Prepare
      const { from, to } = windowRange(windowMs);
      const inside = rawFacts(monitor.name).decisions.filter((d) => d.time >= from && d.time < to);
      const labelled = inside.filter((d) => d.actual !== undefined);
      const positive = monitor.positiveLabel;
      const tp = labelled.filter((d) => d.actual === positive && d.predicted === positive).length;
      const fp = labelled.filter((d) => d.actual !== positive && d.predicted === positive).length;
      const fn = labelled.filter((d) => d.actual === positive && d.predicted !== positive).length;
      const correct = labelled.filter((d) => d.actual === d.predicted).length;

      // Act
      const window = evaluations[m]?.windows.find((w) => w.windowMs === windowMs);

      // Assess
      expect({ from: window?.from, to: window?.to }).toEqual({
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
      });
      expect(window?.decisions).toBe(inside.length);
      expect(window?.quality.labelled).toBe(labelled.length);
      if (labelled.length === 0) return;
      expect(window?.quality.multiclass?.accuracy).toBeCloseTo(correct / labelled.length, 12);
      if (positive === undefined) return;
      expect(window?.quality.binary).toMatchObject({ tp, fp, fn });
      expect(window?.quality.binary?.precision).toBeCloseTo(tp + fp === 0 ? 0 : tp / (tp + fp), 12);
      expect(window?.quality.binary?.recall).toBeCloseTo(tp + fn === 0 ? 0 : tp / (tp + fn), 12);
      const canary = labelled.filter((d) => d.variant === 'canary');
      expect(window?.qualityByVariant.canary?.labelled ?? 0).toBe(canary.length);
    },
  );

  test.each(cases)(
    'It reports the task outcomes of %s over %s as classifyTask classifies each task.',
    (_name, _w, monitor, m, windowMs) => {
      // Prepare
      const { from, to } = windowRange(windowMs);
      const sla = monitor.task?.slaMs ?? DEFAULT_TASK_SLA_MS;
      const timeout = monitor.task?.timeoutMs ?? sla;
      const counts: Record<TaskOutcome, number> = {
        completedWithinSla: 0,
        completedLate: 0,
        failed: 0,
        handedOff: 0,
        timedOut: 0,
        pending: 0,
      };
      let started = 0;
      for (const t of rawFacts(monitor.name).tasks) {
        if (!t.start || t.start.time < from || t.start.time >= to) continue;
        started++;
        const outcome = classifyTask({
          startedAt: t.start.time,
          terminalAt: t.terminal ? Math.max(t.terminal.time, t.start.time) : undefined,
          status: t.terminal?.status,
          // A completion is judged against the SLA, an open task against the timeout.
          deadline: t.start.time + (t.terminal ? sla : timeout),
          asOf,
        });
        counts[outcome]++;
      }

      // Act
      const outcomes = evaluations[m]?.windows.find((w) => w.windowMs === windowMs)?.tasks.outcomes;

      // Assess
      expect(outcomes).toEqual({ started, ...counts });
    },
  );
});

describe('Function: evaluateMonitor (order of arrival)', () => {
  test('It gives the same evaluation for the events shuffled, with a tenth of them sent twice.', () => {
    // Prepare: a deterministic shuffle (xorshift) of the events plus re-sent copies.
    let s = 12345;
    const random = () => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) / 2 ** 32;
    };
    const shuffled = [...events, ...events.filter(() => random() < 0.1)];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j] as DriftwatchEvent, shuffled[i] as DriftwatchEvent];
    }

    // Act
    const again = evaluateAll(shuffled);

    // Assess
    expect(again).toEqual(evaluations);
  });
});
