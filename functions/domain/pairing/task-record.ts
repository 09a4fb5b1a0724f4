import { DEFAULT_TASK } from '../events/event-defaults.ts';
import type { TaskEvent, TaskStatus } from '../events/event-schema.ts';
import type { MergeOutcome } from './decision-record.ts';

/** A task's start and its terminal event meet in one record keyed by task id (either may arrive first). */
export interface TaskStartFacts {
  readonly eventId: string;
  readonly time: number;
  /** Epoch ms, when the producer gave one. */
  readonly deadline?: number;
}

export type TerminalStatus = Exclude<TaskStatus, 'started'>;

export interface TaskTerminalFacts {
  readonly eventId: string;
  readonly time: number;
  readonly status: TerminalStatus;
}

export interface TaskRecord {
  readonly monitor: string;
  readonly taskId: string;
  readonly task: string;
  readonly started?: TaskStartFacts;
  readonly terminal?: TaskTerminalFacts;
}

/** Applies a task event to the record for its task id. The first start and the first terminal event win. */
export function mergeIntoTaskRecord(
  record: TaskRecord | undefined,
  event: TaskEvent,
): { record: TaskRecord; outcome: MergeOutcome } {
  const base: TaskRecord = record ?? {
    monitor: event.monitor,
    taskId: event.taskId,
    task: event.task ?? DEFAULT_TASK,
  };
  // The workflow name may be on either event; keep the first one given.
  const withTask =
    base.task === DEFAULT_TASK && event.task !== undefined ? { ...base, task: event.task } : base;
  const slot = event.status === 'started' ? base.started : base.terminal;
  if (slot) {
    if (slot.eventId === event.id) return { record: base, outcome: { kind: 'duplicate' } };
    return {
      record: base,
      outcome: {
        kind: 'conflict',
        reason: `task ${event.taskId} already has a ${event.status === 'started' ? 'start' : 'terminal'} event (${slot.eventId}); the first one wins`,
      },
    };
  }
  const time = Date.parse(event.time);
  if (event.status === 'started') {
    const deadline = event.deadline === undefined ? undefined : Date.parse(event.deadline);
    return {
      record: {
        ...withTask,
        started: { eventId: event.id, time, ...(deadline === undefined ? {} : { deadline }) },
      },
      outcome: { kind: 'accepted' },
    };
  }
  return {
    record: { ...withTask, terminal: { eventId: event.id, time, status: event.status } },
    outcome: { kind: 'accepted' },
  };
}
