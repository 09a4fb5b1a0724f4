import type { FeatureValue } from '../domain/events/event-schema.ts';
import { GrowableFloat64 } from './growable-array.ts';

/**
 * The raw values the offline evaluator needs from a monitor's decisions, as columns: each decision's time,
 * the order in which its record was created (so ties in time keep the order of the records map), and the
 * value of every configured numeric feature (NaN when missing or not a finite number). Keeping columns
 * instead of each decision's `features` object keeps a million decisions in tens of megabytes and out of
 * the garbage collector's way. O(numeric features) per decision.
 */
export class DecisionSamples {
  readonly times = new GrowableFloat64();
  readonly order = new GrowableFloat64();
  readonly #columns = new Map<string, GrowableFloat64>();
  readonly #names: readonly string[];
  readonly #columnList: readonly GrowableFloat64[];

  constructor(numericFeatures: readonly string[]) {
    this.#names = numericFeatures;
    this.#columnList = numericFeatures.map((name) => {
      const column = new GrowableFloat64();
      this.#columns.set(name, column);
      return column;
    });
  }

  get length(): number {
    return this.times.length;
  }

  add(time: number, order: number, features: Readonly<Record<string, FeatureValue>> | undefined): void {
    this.times.push(time);
    this.order.push(order);
    for (let i = 0; i < this.#names.length; i++) {
      const v = features?.[this.#names[i] as string];
      (this.#columnList[i] as GrowableFloat64).push(
        typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN,
      );
    }
  }

  /** Adds a decision whose configured numeric feature values are given in order (NaN = missing). */
  addRow(time: number, order: number, values: ArrayLike<number>): void {
    this.times.push(time);
    this.order.push(order);
    for (let i = 0; i < this.#columnList.length; i++)
      (this.#columnList[i] as GrowableFloat64).push(values[i] as number);
  }

  /** The values of a numeric feature in insertion order (NaN = missing); undefined when not kept. */
  column(feature: string): Float64Array | undefined {
    return this.#columns.get(feature)?.view();
  }
}
