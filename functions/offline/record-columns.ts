import { StringKeyTable } from './string-key-table.ts';

function grownFloat64(a: Float64Array, capacity: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(capacity);
  next.set(a);
  return next;
}

function grownInt32(a: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(capacity);
  next.set(a);
  return next;
}

function grownUint8(a: Uint8Array, capacity: number): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(capacity);
  next.set(a);
  return next;
}

const INITIAL_CAPACITY = 1024;
/** Fourfold growth: fewer reallocations of the columns (and fewer collections they prompt). */
const GROWTH = 4;

/** Decision record flags. */
export const HAS_DECISION = 1;
export const HAS_LABEL = 2;

/**
 * One monitor's decision records as columns, indexed by record number — the order in which records were
 * created, which is also the order of the record-based pipeline's map. A record holds what the fold and the
 * pairing need: whether the decision and the label have arrived, the decision's time and names (as
 * vocabulary ids), the label's class and event id. Adding a record: O(1) amortised, no object per record.
 */
export class DecisionColumns {
  /** Decision id → record number. */
  readonly ids = new StringKeyTable();
  flags = new Uint8Array(INITIAL_CAPACITY);
  time = new Float64Array(INITIAL_CAPACITY);
  task = new Int32Array(INITIAL_CAPACITY);
  variant = new Int32Array(INITIAL_CAPACITY);
  predicted = new Int32Array(INITIAL_CAPACITY);
  actual = new Int32Array(INITIAL_CAPACITY);
  /** The label's event id, as an index into the pipeline's TextList. */
  labelEvent = new Int32Array(INITIAL_CAPACITY);

  /** Makes room for record `index` (the next one). */
  ensure(index: number): void {
    if (index < this.flags.length) return;
    const capacity = GROWTH * this.flags.length;
    this.flags = grownUint8(this.flags, capacity);
    this.time = grownFloat64(this.time, capacity);
    this.task = grownInt32(this.task, capacity);
    this.variant = grownInt32(this.variant, capacity);
    this.predicted = grownInt32(this.predicted, capacity);
    this.actual = grownInt32(this.actual, capacity);
    this.labelEvent = grownInt32(this.labelEvent, capacity);
  }
}

/** No terminal event yet. */
export const NO_STATUS = -1;

/**
 * One monitor's task records as columns, indexed by record number (creation order): the workflow name (a
 * vocabulary id), the start (time, deadline or NaN, event id) and the terminal event (time, status or
 * NO_STATUS, event id). Adding a record: O(1) amortised.
 */
export class TaskColumns {
  /** Task id → record number. */
  readonly ids = new StringKeyTable();
  task = new Int32Array(INITIAL_CAPACITY);
  /** NaN until the start arrives. */
  startTime = new Float64Array(INITIAL_CAPACITY);
  /** NaN when the start gave no deadline. */
  deadline = new Float64Array(INITIAL_CAPACITY);
  startEvent = new Int32Array(INITIAL_CAPACITY);
  endTime = new Float64Array(INITIAL_CAPACITY);
  status = new Int32Array(INITIAL_CAPACITY);
  endEvent = new Int32Array(INITIAL_CAPACITY);

  /** Makes room for record `index` (the next one) and marks it empty. */
  create(index: number, task: number): void {
    if (index >= this.task.length) {
      const capacity = GROWTH * this.task.length;
      this.task = grownInt32(this.task, capacity);
      this.startTime = grownFloat64(this.startTime, capacity);
      this.deadline = grownFloat64(this.deadline, capacity);
      this.startEvent = grownInt32(this.startEvent, capacity);
      this.endTime = grownFloat64(this.endTime, capacity);
      this.status = grownInt32(this.status, capacity);
      this.endEvent = grownInt32(this.endEvent, capacity);
    }
    this.task[index] = task;
    this.startTime[index] = Number.NaN;
    this.deadline[index] = Number.NaN;
    this.status[index] = NO_STATUS;
  }
}
