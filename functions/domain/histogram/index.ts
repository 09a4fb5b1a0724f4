// Mergeable log-bucketed histograms (the DynamoDB counter shape) and drift statistics computed from them.
export {
  assertComparable,
  type CoarseBins,
  coarsenHistograms,
  DEFAULT_COARSE_BIN_COUNT,
} from './coarse-bins.ts';
export { type QuantileMethod, type SortedBins, SparseHistogram } from './histogram.ts';
export {
  type CoarseBinOptions,
  type HistogramDriftReport,
  type HistogramKsResult,
  type HistogramWassersteinResult,
  histogramChiSquare,
  histogramDrift,
  histogramHellinger,
  histogramJensenShannon,
  histogramKsTest,
  histogramPsi,
  histogramWasserstein,
} from './histogram-drift.ts';
export {
  type BinBounds,
  binBounds,
  binIndex,
  binKey,
  binRepresentative,
  DEFAULT_ALPHA,
  DEFAULT_MAX_MAGNITUDE,
  DEFAULT_MIN_MAGNITUDE,
  type LogBucketOptions,
  type LogBucketScheme,
  logBucketScheme,
  parseBinKey,
  resolveScheme,
  sameScheme,
} from './log-buckets.ts';
