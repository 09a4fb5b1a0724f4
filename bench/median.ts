import { percentiles } from '../functions/domain/metrics/percentiles.ts';

/** The median of the runs of a measurement (the domain's type-7 quantile at 0.5). @throws when empty. */
export function medianOf(values: readonly number[]): number {
  const [median] = percentiles(values, [0.5]);
  return median ?? Number.NaN;
}
