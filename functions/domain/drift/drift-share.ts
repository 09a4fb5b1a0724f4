import { InvalidStatisticInputError } from '../errors.ts';

export interface DriftShare {
  drifted: number;
  total: number;
  /** drifted / total, in [0, 1]. */
  share: number;
}

/** Evidently's default: the dataset drifts when at least half of its features drift. */
export const DEFAULT_DATASET_DRIFT_SHARE = 0.5;

/**
 * Share of features flagged as drifted — the dataset-level drift summary.
 *
 * Source: Evidently AI documentation, "Dataset drift" (share of drifting columns). Complexity: O(k).
 *
 * @throws {InvalidStatisticInputError} when there are no feature results (the share would be 0/0).
 * @example
 * datasetDriftShare([{ feature: 'a', drifted: true }, { feature: 'b', drifted: false }]);
 * // { drifted: 1, total: 2, share: 0.5 }
 */
export function datasetDriftShare(results: readonly { feature: string; drifted: boolean }[]): DriftShare {
  const total = results.length;
  if (total === 0) {
    throw new InvalidStatisticInputError('dataset drift share needs at least one feature result');
  }
  let drifted = 0;
  for (const result of results) {
    if (result.drifted) {
      drifted++;
    }
  }
  return { drifted, total, share: drifted / total };
}

/**
 * Dataset drift rule: drifted when share ≥ threshold (default 0.5, so exactly half the features
 * drifting counts as dataset drift, as in Evidently).
 *
 * Complexity: O(1).
 *
 * @throws {InvalidStatisticInputError} when share ∉ [0, 1] or threshold ∉ (0, 1].
 * @example
 * isDatasetDrifted(0.5); // true
 * isDatasetDrifted(0.4, 0.5); // false
 */
export function isDatasetDrifted(share: number, threshold = DEFAULT_DATASET_DRIFT_SHARE): boolean {
  if (!(share >= 0 && share <= 1)) {
    throw new InvalidStatisticInputError(`drift share must lie in [0, 1], got ${share}`);
  }
  if (!(threshold > 0 && threshold <= 1)) {
    throw new InvalidStatisticInputError(`drift share threshold must lie in (0, 1], got ${threshold}`);
  }
  return share >= threshold;
}
