import { InvalidStatisticInputError } from '../errors.ts';

export type FeatureKind = 'numeric' | 'categorical' | 'boolean';
export type DriftMethod = 'ks' | 'wasserstein' | 'chi_square' | 'jensen_shannon' | 'psi';

/**
 * Largest effective sample size n·m/(n + m) for which a hypothesis test (KS, chi-square) is the default.
 * The effective size is what the test's power depends on (the KS limit law is in √(nm/(n+m))·D); with a
 * thousand effective observations a p-value still separates noise from a shift of practical size.
 * Beyond it almost any real-world difference — a rounding change, a timezone shift of one bucket — is
 * "significant", every p-value is ~0 and the alert fires permanently, so an effect size (distance) with a
 * threshold is used instead. 1000 is also Evidently's default switch-over.
 */
export const TEST_MAX_EFFECTIVE_SAMPLE_SIZE = 1000;

/**
 * Picks the default drift method for a feature:
 * - numeric: two-sample Kolmogorov–Smirnov while nm/(n+m) ≤ {@link TEST_MAX_EFFECTIVE_SAMPLE_SIZE}
 *   (its p-value is informative there and the exact distribution is cheap), otherwise the normalised
 *   Wasserstein distance (W1 / σ_ref), an effect size in standard deviations that does not saturate.
 * - categorical and boolean: chi-square homogeneity test for small samples, otherwise the Jensen–Shannon
 *   distance, which is bounded in [0, 1] and finite when a category is new or missing.
 * PSI is never the automatic choice (its bins and thresholds are a credit-scoring convention); it is
 * available when a monitor asks for it explicitly.
 *
 * Source: Evidently AI documentation, "Data drift algorithm" (default test selection by sample size).
 * Complexity: O(1).
 *
 * @throws {InvalidStatisticInputError} when a size is not a positive integer.
 * @example
 * chooseDriftMethod('numeric', 500, 500); // 'ks'
 * chooseDriftMethod('categorical', 100_000, 50_000); // 'jensen_shannon'
 */
export function chooseDriftMethod(
  kind: FeatureKind,
  referenceSize: number,
  currentSize: number,
): DriftMethod {
  for (const [name, size] of [
    ['reference', referenceSize],
    ['current', currentSize],
  ] as const) {
    if (!Number.isInteger(size) || size < 1) {
      throw new InvalidStatisticInputError(`${name} sample size must be a positive integer, got ${size}`);
    }
  }
  const effectiveSize = (referenceSize * currentSize) / (referenceSize + currentSize);
  const small = effectiveSize <= TEST_MAX_EFFECTIVE_SAMPLE_SIZE;
  switch (kind) {
    case 'numeric':
      return small ? 'ks' : 'wasserstein';
    case 'categorical':
    case 'boolean':
      return small ? 'chi_square' : 'jensen_shannon';
    default:
      throw new InvalidStatisticInputError(`unknown feature kind: ${String(kind satisfies never)}`);
  }
}
