import { StringKeyTable } from './string-key-table.ts';

/** Numbers kept per record: one row of eight doubles, one 64-byte cache line. */
export const ROW = 8;

/**
 * Decision record fields: offsets within a row. Names and event ids are small integers stored as doubles;
 * readers turn them back with `| 0`, so they stay small integers (not boxed numbers) as map keys.
 */
export const DECISION_FLAGS = 0;
/** Epoch ms of the decision. */
export const DECISION_TIME = 1;
export const DECISION_TASK = 2;
export const DECISION_VARIANT = 3;
export const DECISION_PREDICTED = 4;
export const DECISION_ACTUAL = 5;
/** The label's event id, as an index into the pipeline's TextList. */
export const DECISION_LABEL_EVENT = 6;

/** Decision record flags. */
export const HAS_DECISION = 1;
export const HAS_LABEL = 2;

/** Task record fields: offsets within a row. */
export const TASK_NAME = 0;
/** Epoch ms of the start; NaN until it arrives. */
export const TASK_START = 1;
/** Epoch ms; NaN when the start gave no deadline. */
export const TASK_DEADLINE = 2;
export const TASK_START_EVENT = 3;
export const TASK_END = 4;
/** The terminal status, or NO_STATUS. */
export const TASK_STATUS = 5;
export const TASK_END_EVENT = 6;

/** No terminal event yet. */
export const NO_STATUS = -1;

const INITIAL_RECORDS = 1024;
/** Fourfold growth: fewer reallocations of the rows (and fewer collections they prompt). */
const GROWTH = 4;

/**
 * One monitor's decision or task records as rows of one Float64Array, indexed by record number — the order
 * in which records were created, which is also the order of the record-based pipeline's maps. A row holds
 * what the pairing and the fold need (see the field offsets above). Rows rather than a column per field:
 * a label or a terminal event meets its record long after it was written, and one row is one cache line
 * where columns would be one line each. Adding a record: O(1) amortised, no object per record.
 */
export class RecordRows {
  /** Producer id (decision id or task id) → record number. */
  readonly ids = new StringKeyTable();
  rows = new Float64Array(INITIAL_RECORDS * ROW);

  /** Makes room for record `index` (the next one); `rows` may be replaced. */
  ensure(index: number): void {
    if ((index + 1) * ROW <= this.rows.length) return;
    const rows = new Float64Array(GROWTH * this.rows.length);
    rows.set(this.rows);
    this.rows = rows;
  }
}
