import type { Monitor } from '../../../functions/domain/config/config-types.ts';
import { parseConfig } from '../../../functions/domain/config/load-config.ts';
import { foldOptionsFromMonitor } from '../../../functions/domain/counters/fold-options-from-config.ts';
import { evaluateMonitor } from '../../../functions/domain/evaluation/evaluate-monitor.ts';
import type { MonitorEvaluation } from '../../../functions/domain/evaluation/evaluation-types.ts';
import type { DriftwatchEvent } from '../../../functions/domain/events/event-schema.ts';
import { InMemoryPipeline } from '../../../functions/offline/in-memory-pipeline.ts';

/**
 * A small, fully known evaluation: in the hour before AS_OF the triage monitor made 20 labelled decisions
 * (tp 6, fp 2, fn 3, tn 9 for "escalate": precision 0.75, recall 2/3, F1 12/17) and finished 10 tasks
 * (8 completed, 2 failed); `amount` doubled between the baseline day and the current day.
 */
export const CONFIG = `
version: 1
monitors:
  - name: triage
    positiveLabel: escalate
    task: { sla: 5m }
    slos:
      - { name: escalation-recall, sli: recall, objective: 0.95, minEvents: 5 }
      - { name: completion, sli: completion, objective: 0.99, minEvents: 5 }
    drift:
      features:
        - { name: amount, kind: numeric, method: wasserstein, threshold: 0.1 }
        - { name: channel, kind: categorical, categories: [email, chat] }
      includePrediction: false
      baseline: { trailing: { length: 1d, offset: 1d } }
      window: 1d
      minSamples: 10
    alerts: { runbookUrl: 'https://runbooks.example.com/triage' }
`;

export const MONITOR: Monitor = (() => {
  const m = parseConfig(CONFIG, 'test.yaml').config.monitors[0];
  if (!m) throw new Error('no monitor');
  return m;
})();

export const AS_OF = Date.UTC(2026, 10, 20, 12, 0);
const iso = (t: number) => new Date(t).toISOString();

function events(): DriftwatchEvent[] {
  const out: DriftwatchEvent[] = [];
  const cells: [string, string, number][] = [
    ['escalate', 'escalate', 6],
    ['answer', 'escalate', 2],
    ['escalate', 'answer', 3],
    ['answer', 'answer', 9],
  ];
  let i = 0;
  for (const [actual, predicted, n] of cells) {
    for (let k = 0; k < n; k++, i++) {
      const time = AS_OF - 50 * 60_000 + i * 60_000;
      const id = `d${i}`;
      out.push({
        type: 'decision',
        id,
        monitor: 'triage',
        time: iso(time),
        predicted,
        features: { amount: 200 + i, channel: i % 2 === 0 ? 'email' : 'chat' },
      });
      out.push({
        type: 'label',
        id: `${id}-l`,
        monitor: 'triage',
        time: iso(time + 1000),
        decisionId: id,
        actual,
      });
    }
  }
  // The baseline day: the same channels, half the amounts.
  for (let k = 0; k < 20; k++) {
    out.push({
      type: 'decision',
      id: `b${k}`,
      monitor: 'triage',
      time: iso(AS_OF - 48 * 3_600_000 + k * 60_000),
      predicted: 'answer',
      features: { amount: 100 + k, channel: k % 2 === 0 ? 'email' : 'chat' },
    });
  }
  for (let k = 0; k < 10; k++) {
    const time = AS_OF - 40 * 60_000 + k * 60_000;
    out.push({
      type: 'task',
      id: `t${k}-s`,
      monitor: 'triage',
      time: iso(time),
      taskId: `t${k}`,
      status: 'started',
    });
    out.push({
      type: 'task',
      id: `t${k}-e`,
      monitor: 'triage',
      time: iso(time + 30_000),
      taskId: `t${k}`,
      status: k < 8 ? 'completed' : 'failed',
    });
  }
  return out;
}

export function knownEvaluation(): MonitorEvaluation {
  const pipeline = new InMemoryPipeline(() => foldOptionsFromMonitor(MONITOR));
  for (const e of events()) pipeline.ingest(e);
  return evaluateMonitor(MONITOR, AS_OF, { counters: pipeline.countersBetween.bind(pipeline) });
}
