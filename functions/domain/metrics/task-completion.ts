import { InvalidStatisticInputError } from '../errors.ts';

/** Final (or current) state of one agent task with respect to its SLA deadline. */
export type TaskOutcome =
  | 'completedWithinSla'
  | 'completedLate'
  | 'failed'
  | 'handedOff'
  | 'timedOut'
  | 'pending';

/** Terminal status reported by a task's terminal event. */
export type TaskTerminalStatus = 'completed' | 'failed' | 'handed_off' | 'timed_out';

/** Task outcomes as counts (DynamoDB counters summed over time buckets). */
export interface TaskOutcomeCounts {
  /** Tasks started in the window; informative only, the SLI uses the outcome counts. */
  readonly started: number;
  readonly completedWithinSla: number;
  readonly completedLate: number;
  readonly failed: number;
  readonly handedOff: number;
  readonly timedOut: number;
  /** Still open and not yet past their deadline: undecided, excluded from the SLI. */
  readonly pending: number;
}

/** Task-completion SLI: good / total with the breakdown behind it. */
export interface CompletionSli {
  /** Tasks completed within their SLA. */
  readonly good: number;
  /** Decided tasks: completed (on time or late), failed, handed off or timed out. */
  readonly total: number;
  /** good / total in [0, 1]; `null` when no task is decided yet. */
  readonly ratio: number | null;
  /** Decided tasks that did not complete within the SLA (total − good). */
  readonly bad: number;
  readonly breakdown: TaskOutcomeCounts;
}

/** The outcome kinds, in display order. */
export const TASK_OUTCOMES: readonly TaskOutcome[] = [
  'completedWithinSla',
  'completedLate',
  'failed',
  'handedOff',
  'timedOut',
  'pending',
];

/**
 * All-zero outcome counts, the identity for `addTaskOutcome`.
 *
 * Complexity: O(1).
 *
 * @example
 * completionSli(emptyTaskOutcomeCounts()).ratio; // null
 */
export function emptyTaskOutcomeCounts(): TaskOutcomeCounts {
  return {
    started: 0,
    completedWithinSla: 0,
    completedLate: 0,
    failed: 0,
    handedOff: 0,
    timedOut: 0,
    pending: 0,
  };
}

/**
 * Returns `counts` with `n` more tasks of kind `outcome` (and `n` more started tasks), without mutating it.
 *
 * Complexity: O(1).
 *
 * @throws {InvalidStatisticInputError} when `n` is negative or not a safe integer.
 * @example
 * addTaskOutcome(emptyTaskOutcomeCounts(), 'failed').failed; // 1
 */
export function addTaskOutcome(counts: TaskOutcomeCounts, outcome: TaskOutcome, n = 1): TaskOutcomeCounts {
  assertCount('n', n);
  return { ...counts, started: counts.started + n, [outcome]: counts[outcome] + n };
}

function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidStatisticInputError(`${name} must be a non-negative safe integer, got ${value}`);
  }
}

/**
 * Task-completion SLI = completedWithinSla / decided, where
 * decided = completedWithinSla + completedLate + failed + handedOff + timedOut.
 *
 * Pending tasks (open, deadline not reached) are excluded: their outcome is unknown, and counting them as
 * good or bad would bias the ratio with the window's traffic shape. A hand-off counts as *not* completed
 * within SLA: the agent did not finish the task, a human had to take over. `ratio` is `null` (not NaN, not 1)
 * when no task is decided, so an idle agent neither burns nor earns error budget.
 *
 * Source: Google SRE Workbook, ch. 2 "Implementing SLOs" (SLI = good events / valid events).
 * Complexity: O(1).
 *
 * @throws {InvalidStatisticInputError} when a count is negative, fractional or not a safe integer.
 * @example
 * completionSli({ started: 10, completedWithinSla: 6, completedLate: 1, failed: 1, handedOff: 1,
 *   timedOut: 0, pending: 1 }).ratio; // 6 / 9
 */
export function completionSli(outcomes: TaskOutcomeCounts): CompletionSli {
  assertCount('started', outcomes.started);
  for (const kind of TASK_OUTCOMES) assertCount(kind, outcomes[kind]);
  const good = outcomes.completedWithinSla;
  const total = good + outcomes.completedLate + outcomes.failed + outcomes.handedOff + outcomes.timedOut;
  return {
    good,
    total,
    ratio: total === 0 ? null : good / total,
    bad: total - good,
    breakdown: { ...outcomes },
  };
}

/** What is known about one task at time `asOf` (all times are epoch milliseconds). */
export interface TaskTimeline {
  readonly startedAt: number;
  /** Time of the terminal event, if any was received. */
  readonly terminalAt?: number | undefined;
  /** Status of the terminal event; required when `terminalAt` is given. */
  readonly status?: TaskTerminalStatus | undefined;
  /** SLA deadline of the task. */
  readonly deadline: number;
  /** Evaluation time: events after it are ignored, as if not yet received. */
  readonly asOf: number;
}

function assertTime(name: string, value: number): void {
  if (!Number.isFinite(value)) {
    throw new InvalidStatisticInputError(`${name} must be a finite epoch-millisecond time, got ${value}`);
  }
}

/**
 * Classifies one task at time `asOf`:
 * - a terminal event at or before `asOf`: `completed` at or before the deadline → completedWithinSla,
 *   after it → completedLate; `failed` → failed; `handed_off` → handedOff; `timed_out` → timedOut;
 * - otherwise (no terminal event, or one after `asOf`): timedOut when deadline ≤ asOf, else pending.
 *
 * Source: Google SRE Workbook, ch. 2 "Implementing SLOs" (latency/completion SLIs with a threshold).
 * Complexity: O(1).
 *
 * @throws {InvalidStatisticInputError} when a time is not finite, `deadline`, `terminalAt` or `asOf` is
 *   before `startedAt`, or exactly one of `terminalAt` / `status` is given.
 * @example
 * classifyTask({ startedAt: 0, terminalAt: 900, status: 'completed', deadline: 1000, asOf: 5000 });
 * // 'completedWithinSla'
 */
export function classifyTask(task: TaskTimeline): TaskOutcome {
  const { startedAt, terminalAt, status, deadline, asOf } = task;
  assertTime('startedAt', startedAt);
  assertTime('deadline', deadline);
  assertTime('asOf', asOf);
  if (deadline < startedAt) throw new InvalidStatisticInputError('deadline is before startedAt');
  if (asOf < startedAt)
    throw new InvalidStatisticInputError('asOf is before startedAt: the task has not started');
  if ((terminalAt === undefined) !== (status === undefined)) {
    throw new InvalidStatisticInputError('terminalAt and status must be given together');
  }
  if (terminalAt !== undefined && status !== undefined) {
    assertTime('terminalAt', terminalAt);
    if (terminalAt < startedAt) throw new InvalidStatisticInputError('terminalAt is before startedAt');
    if (terminalAt <= asOf) {
      switch (status) {
        case 'completed':
          return terminalAt <= deadline ? 'completedWithinSla' : 'completedLate';
        case 'failed':
          return 'failed';
        case 'handed_off':
          return 'handedOff';
        case 'timed_out':
          return 'timedOut';
        default:
          // Reachable from untyped input (JSON events); an unknown status must not pass for "pending".
          throw new InvalidStatisticInputError(`unknown terminal status: ${String(status)}`);
      }
    }
  }
  return deadline <= asOf ? 'timedOut' : 'pending';
}
