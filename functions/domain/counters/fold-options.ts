/**
 * What the fold needs to know about a monitor to turn records into counters. Built from the monitor's
 * configuration; kept this small so the fold does not depend on the whole configuration model.
 */
export interface FeatureFold {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical' | 'boolean';
  /** Declared categories are kept by name; any other value counts as `other`. */
  readonly categories?: readonly string[];
}

export interface FoldOptions {
  /** Default deadline of a task: start + this many ms, unless the start event gives a deadline. */
  readonly taskSlaMs: number;
  /** Only configured features are aggregated, so bucket items stay bounded. */
  readonly features: readonly FeatureFold[];
}

/** One counter increment in the bucket holding `time`. */
export interface CounterDelta {
  readonly monitor: string;
  /** Epoch ms of the event that places it (decision time, task start time). */
  readonly time: number;
  readonly key: string;
  readonly n: number;
}
