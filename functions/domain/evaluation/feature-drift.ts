import { alignCategoryCounts, chiSquareHomogeneity } from '../drift/chi-square-homogeneity.ts';
import { chooseDriftMethod, type DriftMethod, type FeatureKind } from '../drift/choose-method.ts';
import { jensenShannonDistance } from '../drift/jensen-shannon.ts';
import { ksTwoSample } from '../drift/ks-two-sample.ts';
import { benjaminiHochberg, bonferroni, holmBonferroni } from '../drift/multiple-testing.ts';
import { populationStabilityIndex, psiQuantileBins } from '../drift/psi.ts';
import { normalizedWasserstein1 } from '../drift/wasserstein.ts';
import { SparseHistogram } from '../histogram/histogram.ts';
import {
  histogramChiSquare,
  histogramJensenShannon,
  histogramKsTest,
  histogramPsi,
  histogramWasserstein,
} from '../histogram/histogram-drift.ts';
import {
  DEFAULT_DRIFT_THRESHOLDS,
  DRIFT_P_VALUE_ALPHA,
  isTestMethod,
  MISSING_SHARE_DRIFT,
} from './drift-thresholds.ts';

/** The label missing values are counted under when a categorical distribution is compared. */
export const MISSING_CATEGORY = '(missing)';

/** One side of a comparison: numeric values (raw or binned) or category counts, plus missing values. */
export type FeatureSample =
  | { readonly kind: 'numeric'; readonly values: Float64Array; readonly missing: number }
  | { readonly kind: 'numeric'; readonly histogram: SparseHistogram; readonly missing: number }
  | { readonly kind: 'categorical'; readonly counts: ReadonlyMap<string, number>; readonly missing: number };

export interface FeatureDriftSpec {
  readonly feature: string;
  readonly kind: FeatureKind;
  /** 'auto' picks by kind and sample size (see chooseDriftMethod). */
  readonly method: DriftMethod | 'auto';
  /** Effect-size threshold; the method's default when absent. */
  readonly threshold?: number;
}

export type DriftStatus = 'drifted' | 'ok' | 'insufficient_data';

export interface FeatureDriftResult {
  readonly feature: string;
  readonly kind: FeatureKind;
  readonly method: DriftMethod;
  readonly status: DriftStatus;
  /** The effect size compared with the threshold (D, Cramér's V, W1/σ, JS distance or PSI). */
  readonly statistic: number | null;
  readonly threshold: number;
  /** Raw p-value of the test methods (KS, chi-square); null for distances. */
  readonly pValue: number | null;
  /** p-value after the correction across the monitor's features; filled by {@link correctDriftResults}. */
  readonly adjustedPValue: number | null;
  readonly referenceSize: number;
  readonly currentSize: number;
  readonly referenceMissingShare: number | null;
  readonly currentMissingShare: number | null;
  /** True when computed from binned counters rather than raw values. */
  readonly approximate: boolean;
  /** Why the result is what it is, in words (no feature values). */
  readonly detail: string;
}

function sizeOf(sample: FeatureSample): number {
  if (sample.kind === 'categorical') {
    let n = 0;
    for (const c of sample.counts.values()) n += c;
    return n;
  }
  return 'values' in sample ? sample.values.length : sample.histogram.total;
}

function missingShare(sample: FeatureSample, present: number): number | null {
  const total = present + sample.missing;
  return total === 0 ? null : sample.missing / total;
}

function withMissing(sample: Extract<FeatureSample, { kind: 'categorical' }>): Map<string, number> {
  const counts = new Map(sample.counts);
  if (sample.missing > 0) counts.set(MISSING_CATEGORY, (counts.get(MISSING_CATEGORY) ?? 0) + sample.missing);
  return counts;
}

function histogramOf(sample: Extract<FeatureSample, { kind: 'numeric' }>): SparseHistogram {
  return 'values' in sample ? SparseHistogram.fromValues(sample.values) : sample.histogram;
}

interface Measured {
  readonly statistic: number;
  readonly pValue: number | null;
  readonly approximate: boolean;
}

function measureNumeric(
  method: DriftMethod,
  reference: Extract<FeatureSample, { kind: 'numeric' }>,
  current: Extract<FeatureSample, { kind: 'numeric' }>,
): Measured {
  const exact = 'values' in reference && 'values' in current;
  if (exact) {
    switch (method) {
      case 'ks': {
        const r = ksTwoSample(reference.values, current.values);
        return { statistic: r.statistic, pValue: r.pValue, approximate: false };
      }
      case 'wasserstein':
        return {
          statistic: normalizedWasserstein1(reference.values, current.values).value,
          pValue: null,
          approximate: false,
        };
      case 'psi':
        return {
          statistic: psiQuantileBins(reference.values, current.values),
          pValue: null,
          approximate: false,
        };
      default:
        break;
    }
  }
  const ref = histogramOf(reference);
  const cur = histogramOf(current);
  switch (method) {
    case 'ks': {
      const r = histogramKsTest(ref, cur);
      return { statistic: r.statistic, pValue: r.pValue, approximate: true };
    }
    case 'wasserstein':
      return { statistic: histogramWasserstein(ref, cur).value, pValue: null, approximate: true };
    case 'psi':
      return { statistic: histogramPsi(ref, cur), pValue: null, approximate: true };
    case 'jensen_shannon':
      return { statistic: histogramJensenShannon(ref, cur), pValue: null, approximate: true };
    case 'chi_square': {
      const r = histogramChiSquare(ref, cur);
      return {
        statistic: Math.sqrt(r.statistic / (ref.total + cur.total)),
        pValue: r.pValue,
        approximate: true,
      };
    }
  }
}

function measureCategorical(
  method: DriftMethod,
  reference: Map<string, number>,
  current: Map<string, number>,
): Measured {
  const aligned = alignCategoryCounts(reference, current);
  switch (method) {
    case 'chi_square':
    case 'ks': {
      // KS has no meaning for unordered categories; a chi-square test answers the same question.
      const r = chiSquareHomogeneity(aligned.reference, aligned.current);
      const n = aligned.reference.reduce((s, c) => s + c, 0) + aligned.current.reduce((s, c) => s + c, 0);
      return { statistic: Math.sqrt(r.statistic / n), pValue: r.pValue, approximate: false };
    }
    case 'psi':
      return {
        statistic: populationStabilityIndex(aligned.reference, aligned.current),
        pValue: null,
        approximate: false,
      };
    case 'wasserstein':
    case 'jensen_shannon':
      return {
        statistic: jensenShannonDistance(aligned.reference, aligned.current),
        pValue: null,
        approximate: false,
      };
  }
}

/**
 * Compares one feature's current sample with its baseline. Missing values are never dropped: for a
 * categorical feature they are a category of their own, for a numeric one a change of the missing share of
 * more than {@link MISSING_SHARE_DRIFT} is drift by itself. Below `minSamples` on either side the result is
 * 'insufficient_data' and never an alert. The decision for test methods is completed by
 * {@link correctDriftResults}, once every feature's p-value is known.
 * O(n log n) for raw numeric samples, O(bins) for histograms and category counts.
 */
export function featureDrift(
  spec: FeatureDriftSpec,
  reference: FeatureSample,
  current: FeatureSample,
  minSamples: number,
): FeatureDriftResult {
  const referenceSize = sizeOf(reference);
  const currentSize = sizeOf(current);
  const referenceMissingShare = missingShare(reference, referenceSize);
  const currentMissingShare = missingShare(current, currentSize);
  const base = {
    feature: spec.feature,
    kind: spec.kind,
    referenceSize,
    currentSize,
    referenceMissingShare,
    currentMissingShare,
    adjustedPValue: null,
  };
  const categorical = reference.kind === 'categorical' && current.kind === 'categorical';
  const refN = categorical ? referenceSize + reference.missing : referenceSize;
  const curN = categorical ? currentSize + current.missing : currentSize;
  if (refN < Math.max(1, minSamples) || curN < Math.max(1, minSamples)) {
    const method =
      spec.method === 'auto'
        ? chooseDriftMethod(spec.kind, Math.max(1, refN), Math.max(1, curN))
        : spec.method;
    return {
      ...base,
      method,
      status: 'insufficient_data',
      statistic: null,
      threshold: spec.threshold ?? DEFAULT_DRIFT_THRESHOLDS[method],
      pValue: null,
      approximate: false,
      detail: `needs at least ${minSamples} values on each side (baseline ${refN}, current ${curN})`,
    };
  }
  const method = spec.method === 'auto' ? chooseDriftMethod(spec.kind, refN, curN) : spec.method;
  const threshold = spec.threshold ?? DEFAULT_DRIFT_THRESHOLDS[method];
  let measured: Measured;
  if (reference.kind === 'categorical' && current.kind === 'categorical') {
    measured = measureCategorical(method, withMissing(reference), withMissing(current));
  } else if (reference.kind === 'numeric' && current.kind === 'numeric') {
    measured = measureNumeric(method, reference, current);
  } else {
    throw new TypeError(`feature ${spec.feature}: baseline and current samples are of different kinds`);
  }
  const missingShift =
    reference.kind === 'numeric' && referenceMissingShare !== null && currentMissingShare !== null
      ? Math.abs(currentMissingShare - referenceMissingShare) > MISSING_SHARE_DRIFT
      : false;
  const effect = measured.statistic >= threshold;
  const drifted = missingShift || (effect && !isTestMethod(method));
  return {
    ...base,
    method,
    status: drifted ? 'drifted' : 'ok',
    statistic: measured.statistic,
    threshold,
    pValue: measured.pValue,
    approximate: measured.approximate,
    detail: missingShift
      ? `missing share moved from ${fmt(referenceMissingShare)} to ${fmt(currentMissingShare)}`
      : `${method} ${fmt(measured.statistic)} ${effect ? '≥' : '<'} threshold ${threshold}`,
  };
}

function fmt(x: number | null): string {
  return x === null ? 'n/a' : x.toPrecision(3);
}

export type MultipleTestingCorrection = 'benjamini-hochberg' | 'holm' | 'bonferroni' | 'none';

/**
 * Adjusts the test methods' p-values across a monitor's features (testing 20 features at 5% would
 * otherwise raise a false alarm on most evaluations) and completes their decisions: a test-method feature
 * drifts when its effect size reaches its threshold and its adjusted p-value is below
 * {@link DRIFT_P_VALUE_ALPHA}. O(k log k) for k features.
 */
export function correctDriftResults(
  results: readonly FeatureDriftResult[],
  correction: MultipleTestingCorrection,
): FeatureDriftResult[] {
  const tested = results
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.pValue !== null && r.status !== 'insufficient_data');
  const raw = tested.map(({ r }) => r.pValue as number);
  const adjusted =
    correction === 'benjamini-hochberg'
      ? benjaminiHochberg(raw)
      : correction === 'holm'
        ? holmBonferroni(raw)
        : correction === 'bonferroni'
          ? bonferroni(raw)
          : raw;
  const out = [...results];
  tested.forEach(({ r, i }, k) => {
    const p = adjusted[k] ?? 1;
    const effect = r.statistic !== null && r.statistic >= r.threshold;
    const significant = p < DRIFT_P_VALUE_ALPHA;
    const alreadyDrifted = r.status === 'drifted';
    const drifted = alreadyDrifted || (effect && significant);
    out[i] = {
      ...r,
      adjustedPValue: p,
      status: drifted ? 'drifted' : 'ok',
      detail: alreadyDrifted
        ? r.detail
        : `${r.detail}; adjusted p ${fmt(p)} ${significant ? '<' : '≥'} ${DRIFT_P_VALUE_ALPHA}`,
    };
  });
  return out;
}
