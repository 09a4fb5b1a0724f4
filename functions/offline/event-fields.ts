import { EVENT_LIMITS } from '../domain/events/limits.ts';

export const EVENT_DECISION = 0;
export const EVENT_LABEL = 1;
export const EVENT_TASK = 2;

/** Task statuses by their index in TASK_STATUSES. */
export const STATUS_STARTED = 0;
export const STATUS_COMPLETED = 1;
export const STATUS_FAILED = 2;
export const STATUS_HANDED_OFF = 3;

/** Kinds of a feature value. */
export const VALUE_NUMBER = 0;
export const VALUE_TEXT = 1;
export const VALUE_TRUE = 2;
export const VALUE_FALSE = 3;
export const VALUE_NULL = 4;

/** A text field that is absent. */
export const ABSENT = -1;

/**
 * One valid event as the offline fold reads it: text fields as ranges [start, end) of a code-unit array
 * (the line's bytes, or a scratch copy of a parsed event's strings), times as epoch ms, and the features
 * as parallel arrays. One instance is reused for every line, so reading an event allocates nothing.
 * Ranges of absent optional texts start at ABSENT.
 */
export class EventFields {
  type = EVENT_DECISION;
  idStart = 0;
  idEnd = 0;
  monitorStart = 0;
  monitorEnd = 0;
  /** Epoch ms, as Date.parse gives it. */
  time = 0;
  // decision
  predictedStart = 0;
  predictedEnd = 0;
  taskStart = ABSENT;
  taskEnd = ABSENT;
  variantStart = ABSENT;
  variantEnd = ABSENT;
  hasConfidence = false;
  confidence = 0;
  hasFeatures = false;
  featureCount = 0;
  readonly featureNameStart = new Int32Array(EVENT_LIMITS.maxFeatures);
  readonly featureNameEnd = new Int32Array(EVENT_LIMITS.maxFeatures);
  /** VALUE_NUMBER, VALUE_TEXT, VALUE_TRUE, VALUE_FALSE or VALUE_NULL. */
  readonly featureKind = new Uint8Array(EVENT_LIMITS.maxFeatures);
  readonly featureNumber = new Float64Array(EVENT_LIMITS.maxFeatures);
  readonly featureTextStart = new Int32Array(EVENT_LIMITS.maxFeatures);
  readonly featureTextEnd = new Int32Array(EVENT_LIMITS.maxFeatures);
  /**
   * The features object itself when the event came through JSON.parse and validation: the fold then reads
   * configured features from it by name, exactly as the record-based fold does.
   */
  featureObject: Readonly<Record<string, unknown>> | undefined = undefined;
  // label
  decisionIdStart = 0;
  decisionIdEnd = 0;
  actualStart = 0;
  actualEnd = 0;
  // task
  taskIdStart = 0;
  taskIdEnd = 0;
  status = STATUS_STARTED;
  hasDeadline = false;
  /** Epoch ms. */
  deadline = 0;
  /**
   * hashCodeUnits of the event's record key — a decision's id, a label's decisionId, a task's taskId — so
   * the fold finds the record without reading the key's bytes again.
   */
  recordKeyHash = 0;

  /** Marks every optional field absent, before an event's fields are written into this reused record. O(1). */
  clearOptional(): void {
    this.taskStart = ABSENT;
    this.taskEnd = ABSENT;
    this.variantStart = ABSENT;
    this.variantEnd = ABSENT;
    this.hasConfidence = false;
    this.hasFeatures = false;
    this.featureCount = 0;
    this.featureObject = undefined;
    this.hasDeadline = false;
  }
}
