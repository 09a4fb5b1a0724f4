import { binIndex, binKey } from '../histogram/log-buckets.ts';
import type { TaskRecord, TerminalStatus } from '../pairing/task-record.ts';
import { counterKey, COUNTER_KINDS as K } from './counter-key.ts';
import type { CounterDelta, FoldOptions } from './fold-options.ts';

/** Terminal outcomes stored as counters; timed-out and pending are derived at evaluation time. */
export type StoredTaskOutcome = 'completedWithinSla' | 'completedLate' | 'failed' | 'handedOff';

export const STORED_TASK_OUTCOMES: readonly StoredTaskOutcome[] = [
  'completedWithinSla',
  'completedLate',
  'failed',
  'handedOff',
];

/** The deadline of a started task: its own, or start + the monitor's SLA. */
export function taskDeadline(record: TaskRecord, options: FoldOptions): number | undefined {
  if (!record.started) return undefined;
  return record.started.deadline ?? record.started.time + options.taskSlaMs;
}

/**
 * The outcome of a task that ended with `status` at `end` (epoch ms), given its deadline: a completion is
 * within the SLA when it comes no later than the deadline. The offline columnar fold calls this too. O(1).
 */
export function terminalOutcome(status: TerminalStatus, end: number, deadline: number): StoredTaskOutcome {
  switch (status) {
    case 'completed':
      return end <= deadline ? 'completedWithinSla' : 'completedLate';
    case 'failed':
      return 'failed';
    case 'handed_off':
      return 'handedOff';
  }
}

/** The outcome of a task that has both its start and its terminal event. */
export function storedOutcome(record: TaskRecord, options: FoldOptions): StoredTaskOutcome | undefined {
  const deadline = taskDeadline(record, options);
  const terminal = record.terminal;
  if (deadline === undefined || !terminal) return undefined;
  return terminalOutcome(terminal.status, terminal.time, deadline);
}

/**
 * The counters a change of a task record adds, all in the bucket of the task's start: a start is counted
 * when it first appears, and the outcome (with the latency of a completed task) once, when the start and the
 * terminal event have both arrived. A terminal event whose start never arrives is never counted: without a
 * start there is no deadline and no latency. Pure; O(1).
 */
export function taskDeltas(
  before: TaskRecord | undefined,
  after: TaskRecord,
  options: FoldOptions,
): CounterDelta[] {
  const out: CounterDelta[] = [];
  const started = after.started;
  if (!started) return out;
  const monitor = after.monitor;
  const time = started.time;
  if (!before?.started) out.push({ monitor, time, key: counterKey(K.tasksStarted, after.task), n: 1 });
  const wasDone = before?.started !== undefined && before.terminal !== undefined;
  const outcome = storedOutcome(after, options);
  if (!wasDone && outcome && after.terminal) {
    out.push({ monitor, time, key: counterKey(K.taskOutcome, after.task, outcome), n: 1 });
    if (after.terminal.status === 'completed') {
      const latencyMs = Math.max(0, after.terminal.time - started.time);
      out.push({
        monitor,
        time,
        key: counterKey(K.taskLatency, after.task, binKey(binIndex(latencyMs))),
        n: 1,
      });
    }
  }
  return out;
}
