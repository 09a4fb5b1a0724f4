/** Public API of the exact (raw-sample) drift statistics. */

export { chiSquareSf, regularizedGammaQ } from './chi-square-distribution.ts';
export {
  type AlignedCategoryCounts,
  alignCategoryCounts,
  type ChiSquareResult,
  chiSquareHomogeneity,
} from './chi-square-homogeneity.ts';
export {
  chooseDriftMethod,
  type DriftMethod,
  type FeatureKind,
  TEST_MAX_EFFECTIVE_SAMPLE_SIZE,
} from './choose-method.ts';
export {
  DEFAULT_DATASET_DRIFT_SHARE,
  type DriftShare,
  datasetDriftShare,
  isDatasetDrifted,
} from './drift-share.ts';
export { hellingerDistance } from './hellinger.ts';
export { jensenShannonDistance } from './jensen-shannon.ts';
export { kolmogorovSmirnovSf } from './kolmogorov-distribution.ts';
export {
  KS_EXACT_MAX_LATTICE_CELLS,
  KS_MAX_AUTO_EXACT_SIZE,
  type KsMethod,
  type KsTwoSampleResult,
  ksPValue,
  ksStatisticFromSorted,
  ksTwoSample,
} from './ks-two-sample.ts';
export { benjaminiHochberg, bonferroni, holmBonferroni } from './multiple-testing.ts';
export { PSI_DEFAULT_EPSILON, populationStabilityIndex, psiQuantileBins } from './psi.ts';
export { smirnovSf } from './smirnov.ts';
export {
  type NormalizedWassersteinResult,
  normalizedWasserstein1,
  wasserstein1,
  wasserstein1Weighted,
} from './wasserstein.ts';
