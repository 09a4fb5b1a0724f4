import { InvalidStatisticInputError } from '../errors.ts';

/**
 * Benjamini–Hochberg adjusted p-values (false discovery rate control): with p_(1) ≤ … ≤ p_(m),
 *   p̃_(i) = min_{j ≥ i} min(1, m p_(j) / j),
 * returned in the input order. Rejecting the hypotheses with p̃ ≤ α controls the FDR at α under
 * independence or positive dependence. Agrees with `scipy.stats.false_discovery_control(ps, method='bh')`
 * (SciPy ≥ 1.11) and R's `p.adjust(method = "BH")`.
 *
 * Source: Benjamini & Hochberg (1995), "Controlling the false discovery rate", JRSS B 57(1).
 * Complexity: O(m log m). An empty list gives an empty list.
 *
 * @throws {InvalidStatisticInputError} when a p-value is NaN or outside [0, 1].
 * @example
 * benjaminiHochberg([0.01, 0.04, 0.03]); // [0.03, 0.04, 0.04]
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = ascendingOrder(pValues);
  const adjusted = new Array<number>(m).fill(0);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1] ?? 0;
    const p = pValues[index] ?? 0;
    // m/rank ≥ 1, but (p·m)/rank can round one ulp below p; the max keeps p̃ ≥ p exactly.
    running = Math.min(running, Math.max(p, (p * m) / rank));
    adjusted[index] = running;
  }
  return adjusted;
}

/**
 * Holm–Bonferroni step-down adjusted p-values (family-wise error control): with p_(1) ≤ … ≤ p_(m),
 *   p̃_(i) = max_{j ≤ i} min(1, (m − j + 1) p_(j)),
 * returned in the input order; uniformly more powerful than Bonferroni. Matches R's
 * `p.adjust(method = "holm")`.
 *
 * Source: Holm (1979), "A simple sequentially rejective multiple test procedure", Scand. J. Stat. 6(2).
 * Complexity: O(m log m).
 *
 * @throws {InvalidStatisticInputError} when a p-value is NaN or outside [0, 1].
 * @example
 * holmBonferroni([0.01, 0.04, 0.03]); // [0.03, 0.06, 0.06]
 */
export function holmBonferroni(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = ascendingOrder(pValues);
  const adjusted = new Array<number>(m).fill(0);
  let running = 0;
  for (let rank = 1; rank <= m; rank++) {
    const index = order[rank - 1] ?? 0;
    running = Math.max(running, Math.min(1, (m - rank + 1) * (pValues[index] ?? 0)));
    adjusted[index] = running;
  }
  return adjusted;
}

/**
 * Bonferroni adjusted p-values min(1, m p_i) (family-wise error control, any dependence).
 *
 * Source: Dunn (1961), "Multiple comparisons among means", JASA 56(293). Complexity: O(m).
 *
 * @throws {InvalidStatisticInputError} when a p-value is NaN or outside [0, 1].
 * @example
 * bonferroni([0.01, 0.04, 0.03]); // [0.03, 0.12, 0.09]
 */
export function bonferroni(pValues: readonly number[]): number[] {
  assertPValues(pValues);
  const m = pValues.length;
  return pValues.map((p) => Math.min(1, p * m));
}

function ascendingOrder(pValues: readonly number[]): number[] {
  assertPValues(pValues);
  return Array.from({ length: pValues.length }, (_, index) => index).sort(
    (a, b) => (pValues[a] ?? 0) - (pValues[b] ?? 0),
  );
}

function assertPValues(pValues: readonly number[]): void {
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i];
    if (p === undefined || !(p >= 0 && p <= 1)) {
      throw new InvalidStatisticInputError(`p-value at index ${i} is not in [0, 1]: ${p}`);
    }
  }
}
