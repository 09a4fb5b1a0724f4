/**
 * What generated traffic looks like: per monitor, its classes, tasks, variants and features, and the
 * incidents to inject. Used by the sample-data generator, the benchmark and the demo.
 */
export interface NumericFeatureTraffic {
  readonly name: string;
  readonly kind: 'numeric';
  /** Values are log-normal around this median (amounts, lengths, latencies are rarely normal). */
  readonly median: number;
  readonly sigma: number;
}

export interface CategoricalFeatureTraffic {
  readonly name: string;
  readonly kind: 'categorical' | 'boolean';
  readonly categories: readonly string[];
}

export type FeatureTraffic = NumericFeatureTraffic | CategoricalFeatureTraffic;

export interface VariantTraffic {
  readonly name: string;
  /** Share of decisions, relative to the other variants. */
  readonly share: number;
  /** Probability that a decision is correct. */
  readonly accuracy: number;
}

export interface MonitorTraffic {
  readonly monitor: string;
  readonly classes: readonly string[];
  readonly tasks: readonly string[];
  readonly variants: readonly VariantTraffic[];
  readonly features: readonly FeatureTraffic[];
  /** Share of decisions that get a label. */
  readonly labelRate: number;
  /** Median delay of a label after its decision, ms; 5% of labels arrive before their decision. */
  readonly labelDelayMedianMs: number;
  /** Share of traffic units that are tasks rather than decisions. */
  readonly taskShare: number;
  readonly taskSlaMs: number;
  /** Median task latency, ms. */
  readonly taskLatencyMedianMs: number;
  /** Probabilities of a task's terminal status; the rest never finish (time out). */
  readonly taskFailRate: number;
  readonly taskHandoffRate: number;
  readonly taskNeverEndsRate: number;
  /** Relative traffic volume of this monitor. */
  readonly weight: number;
}

/** Incidents injected into generated traffic, each active in [from, to) (epoch ms). */
export type Incident =
  | {
      readonly kind: 'drift';
      readonly monitor: string;
      readonly feature: string;
      readonly from: number;
      readonly to: number;
      /** Numeric: multiply values by this factor; categorical: move this share of values to the last category. */
      readonly magnitude: number;
    }
  | { readonly kind: 'outage'; readonly monitor: string; readonly from: number; readonly to: number }
  | {
      readonly kind: 'regression';
      readonly monitor: string;
      readonly variant: string;
      readonly from: number;
      readonly to: number;
      /** Accuracy of that variant during the incident. */
      readonly accuracy: number;
    };

export interface TrafficOptions {
  readonly monitors: readonly MonitorTraffic[];
  /** Epoch ms of the first event. */
  readonly start: number;
  readonly durationMs: number;
  /** Approximate number of events to produce. */
  readonly events: number;
  readonly seed: number;
  readonly incidents?: readonly Incident[];
}
