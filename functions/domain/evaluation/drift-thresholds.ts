import type { DriftMethod } from '../drift/choose-method.ts';

/**
 * Default effect-size thresholds per drift method. A feature drifts when its effect size reaches the
 * threshold — and, for the two tests, when the corrected p-value is also below {@link DRIFT_P_VALUE_ALPHA}.
 * p-values alone flag everything on large samples; effect sizes alone flag noise on small ones.
 * - ks: the KS statistic D (largest CDF gap) ≥ 0.1 (Evidently's default for its "K-S statistic" method).
 * - chi_square: Cramér's V = √(χ²/N) ≥ 0.1, Cohen's (1988) "small" effect for one degree of freedom.
 * - wasserstein: W1 ≥ 0.1 reference standard deviations (Evidently's default, "Wasserstein distance (normed)").
 * - jensen_shannon: JS distance (base 2) ≥ 0.1 (Evidently's default).
 * - psi: PSI ≥ 0.2, between Siddiqi's (2006) "moderate" (0.1) and "significant" (0.25) shifts.
 */
export const DEFAULT_DRIFT_THRESHOLDS: Readonly<Record<DriftMethod, number>> = {
  ks: 0.1,
  chi_square: 0.1,
  wasserstein: 0.1,
  jensen_shannon: 0.1,
  psi: 0.2,
};

/** Significance level of the drift tests, after the multiple-testing correction across features. */
export const DRIFT_P_VALUE_ALPHA = 0.05;

/** A change of the missing-value share larger than this (absolute) is drift whatever the values do. */
export const MISSING_SHARE_DRIFT = 0.1;

/** Methods whose decision also needs a significant p-value. */
export function isTestMethod(method: DriftMethod): boolean {
  return method === 'ks' || method === 'chi_square';
}
