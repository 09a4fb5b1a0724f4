import { assertAlignedDistributions } from './validation.ts';

/**
 * Jensen–Shannon distance (base 2) between two discrete distributions given as counts or weights over
 * the same categories: sqrt(½ KL(p‖m) + ½ KL(q‖m)) with m = (p + q)/2 and logarithms in base 2, so the
 * value lies in [0, 1] (0 identical, 1 disjoint supports). It is a metric, symmetric, and finite even
 * when a category is missing from one sample — which is why it is preferred over KL for drift.
 *
 * Agrees with `scipy.spatial.distance.jensenshannon(p, q, base=2)` (inputs normalised first). A
 * rounding-level negative divergence is clamped to 0 instead of returning NaN.
 *
 * Source: Lin (1991), "Divergence measures based on the Shannon entropy", IEEE Trans. Inf. Theory 37(1);
 * Endres & Schindelin (2003) for the metric property. Complexity: O(k).
 *
 * @throws {InvalidStatisticInputError} on different lengths, negative/non-finite weights, or an
 * all-zero vector.
 * @example
 * jensenShannonDistance([1, 0, 0], [0, 1, 0]); // 1
 */
export function jensenShannonDistance(p: readonly number[], q: readonly number[]): number {
  const { totalP, totalQ } = assertAlignedDistributions(p, q, ['p', 'q']);
  let left = 0;
  let right = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = (p[i] ?? 0) / totalP;
    const qi = (q[i] ?? 0) / totalQ;
    const mi = (pi + qi) / 2;
    if (pi > 0) {
      left += pi * Math.log(pi / mi);
    }
    if (qi > 0) {
      right += qi * Math.log(qi / mi);
    }
  }
  const divergence = (left + right) / Math.LN2;
  return Math.sqrt(Math.max(0, divergence / 2));
}
