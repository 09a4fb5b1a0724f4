import { InvalidStatisticInputError } from '../errors.ts';
import type { ConfusionMatrix } from './confusion-matrix.ts';

/** Precision, recall and F-scores of one class (or of an average), with zero division resolved to 0. */
export interface Scores {
  readonly precision: number;
  readonly recall: number;
  /** F1, the harmonic mean of precision and recall. */
  readonly f1: number;
  /** Fβ for the requested β (equals `f1` when β = 1). */
  readonly fBeta: number;
}

/** Scores of one label treated as the positive class, with the counts that produce them. */
export interface ClassMetrics extends Scores {
  readonly label: string;
  /** Decisions of this class predicted as this class. */
  readonly tp: number;
  /** Decisions of another class predicted as this class. */
  readonly fp: number;
  /** Decisions of this class predicted as another class. */
  readonly fn: number;
  /** Decisions neither of nor predicted as this class. */
  readonly tn: number;
  /** Number of decisions whose true label is this class (tp + fn). */
  readonly support: number;
  /** Number of decisions predicted as this class (tp + fp). */
  readonly predicted: number;
}

/** Binary (one-vs-rest) metrics for a chosen positive label. */
export interface BinaryMetrics extends ClassMetrics {
  readonly beta: number;
  /** Total number of decisions in the matrix (tp + fp + fn + tn). */
  readonly total: number;
}

/** Averaged scores over the classes of a multiclass matrix. */
export interface MulticlassMetrics {
  readonly beta: number;
  /** Classes in code-point order: the union of true and predicted labels (sklearn `unique_labels`). */
  readonly labels: readonly string[];
  readonly perClass: readonly ClassMetrics[];
  /** Scores from the pooled counts of all classes; equal to accuracy for single-label data. */
  readonly micro: Scores & { readonly tp: number; readonly fp: number; readonly fn: number };
  /** Unweighted mean of the per-class scores over every label in `labels`. */
  readonly macro: Scores & { readonly classCount: number };
  /** Mean of the per-class scores weighted by support. */
  readonly weighted: Scores & { readonly totalSupport: number };
  /** Fraction of decisions whose prediction equals the true label. */
  readonly accuracy: number;
  /** Number of decisions whose prediction equals the true label. */
  readonly correct: number;
  readonly total: number;
}

/** Options shared by the binary and multiclass metrics. */
export interface ScoreOptions {
  /** Weight of recall relative to precision in Fβ; β = 1 gives F1. Must be ≥ 0 (+∞ gives recall). */
  readonly beta?: number;
}

function assertBeta(beta: number): void {
  if (Number.isNaN(beta) || beta < 0) {
    throw new InvalidStatisticInputError(`beta must be >= 0, got ${beta}`);
  }
}

/**
 * Precision = tp / (tp + fp), 0 when nothing was predicted positive.
 *
 * Source: scikit-learn `precision_score(..., zero_division=0)`.
 * Complexity: O(1).
 *
 * @example
 * precisionFromCounts(3, 1); // 0.75
 */
export function precisionFromCounts(tp: number, fp: number): number {
  const denominator = tp + fp;
  return denominator === 0 ? 0 : tp / denominator;
}

/**
 * Recall = tp / (tp + fn), 0 when the class never occurs.
 *
 * Source: scikit-learn `recall_score(..., zero_division=0)`.
 * Complexity: O(1).
 *
 * @example
 * recallFromCounts(3, 3); // 0.5
 */
export function recallFromCounts(tp: number, fn: number): number {
  const denominator = tp + fn;
  return denominator === 0 ? 0 : tp / denominator;
}

/**
 * Fβ = (1 + β²)·tp / ((1 + β²)·tp + β²·fn + fp), the weighted harmonic mean of precision and recall
 * written on counts (van Rijsbergen 1979), which avoids rounding precision and recall first.
 * 0 when tp = 0, matching scikit-learn's `zero_division=0` (F is 0 when precision + recall is 0).
 * β = +∞ gives recall, as in scikit-learn.
 *
 * Source: scikit-learn `fbeta_score` docs; C. J. van Rijsbergen, "Information Retrieval", ch. 7.
 * Complexity: O(1).
 *
 * @throws {InvalidStatisticInputError} when β is negative or NaN.
 * @example
 * fBetaFromCounts(3, 1, 3, 1); // 0.6  (P = 0.75, R = 0.5)
 */
export function fBetaFromCounts(tp: number, fp: number, fn: number, beta = 1): number {
  assertBeta(beta);
  if (tp === 0) return 0;
  if (beta === Number.POSITIVE_INFINITY) return recallFromCounts(tp, fn);
  const beta2 = beta * beta;
  return ((1 + beta2) * tp) / ((1 + beta2) * tp + beta2 * fn + fp);
}

function scoresFromCounts(tp: number, fp: number, fn: number, beta: number): Scores {
  return {
    precision: precisionFromCounts(tp, fp),
    recall: recallFromCounts(tp, fn),
    f1: fBetaFromCounts(tp, fp, fn, 1),
    fBeta: fBetaFromCounts(tp, fp, fn, beta),
  };
}

function assertNotEmpty(matrix: ConfusionMatrix): void {
  if (matrix.total() === 0) {
    throw new InvalidStatisticInputError('confusion matrix is empty: no decisions to score');
  }
}

/**
 * Binary precision, recall, F1, Fβ and support for `positiveLabel`, with tp/fp/fn/tn.
 *
 * One-vs-rest: every label other than `positiveLabel` counts as negative, so a multiclass matrix is
 * scored as "positive label vs everything else" (a decision predicted as another wrong negative class is
 * still a true negative). scikit-learn refuses `average='binary'` on multiclass data; on binary data
 * this agrees with `precision_recall_fscore_support(y_true, y_pred, pos_label=…, average='binary',
 * zero_division=0)`, and on multiclass data with the same call on `y == positiveLabel` indicators.
 * A positive label absent from the matrix is allowed and scores 0 everywhere (all-negative data).
 *
 * Source: scikit-learn `precision_recall_fscore_support` docs.
 * Complexity: O(cells) time, O(1) extra memory.
 *
 * @throws {InvalidStatisticInputError} when the matrix is empty or β is negative/NaN.
 * @example
 * binaryMetrics(confusionFromPairs(['y', 'y', 'n'], ['y', 'n', 'y']), { positiveLabel: 'y' }).f1; // 0.5
 */
export function binaryMetrics(
  matrix: ConfusionMatrix,
  options: ScoreOptions & { readonly positiveLabel: string },
): BinaryMetrics {
  const beta = options.beta ?? 1;
  assertBeta(beta);
  assertNotEmpty(matrix);
  const metrics = classMetrics(matrix, options.positiveLabel, beta);
  return { ...metrics, beta, total: matrix.total() };
}

function classMetrics(matrix: ConfusionMatrix, label: string, beta: number): ClassMetrics {
  let support = 0;
  let predicted = 0;
  for (const [actual, guess, n] of matrix.cells()) {
    if (actual === label) support += n;
    if (guess === label) predicted += n;
  }
  const tp = matrix.count(label, label);
  const fp = predicted - tp;
  const fn = support - tp;
  const tn = matrix.total() - tp - fp - fn;
  return { label, tp, fp, fn, tn, support, predicted, ...scoresFromCounts(tp, fp, fn, beta) };
}

/**
 * Per-class precision/recall/F1/Fβ/support plus micro, macro and weighted averages and accuracy.
 *
 * Classes are the sorted union of true and predicted labels, so a class that is never predicted (precision
 * 0 by zero division) or never occurs (recall 0, support 0) still pulls the macro average down, exactly as
 * scikit-learn does when `labels` is left at its default. Agrees with scikit-learn
 * `precision_recall_fscore_support(y_true, y_pred, average=None|'micro'|'macro'|'weighted',
 * zero_division=0)` and `accuracy_score`.
 *
 * Source: scikit-learn user guide, "Multiclass and multilabel classification" metrics (section 3.3.2.9).
 * Complexity: O(cells + k log k) time, O(k) memory for k labels.
 *
 * @throws {InvalidStatisticInputError} when the matrix is empty or β is negative/NaN.
 * @example
 * multiclassMetrics(confusionFromPairs(['a', 'b', 'c'], ['a', 'b', 'b'])).macro.f1; // ≈ 0.5556
 */
export function multiclassMetrics(matrix: ConfusionMatrix, options: ScoreOptions = {}): MulticlassMetrics {
  const beta = options.beta ?? 1;
  assertBeta(beta);
  assertNotEmpty(matrix);
  const labels = matrix.classes();
  const index = new Map<string, number>();
  for (let i = 0; i < labels.length; i++) index.set(labels[i] ?? '', i);
  const k = labels.length;
  const support = new Float64Array(k);
  const predicted = new Float64Array(k);
  const diagonal = new Float64Array(k);
  // Single pass over the sparse cells: row sums, column sums and the diagonal.
  for (const [actual, guess, n] of matrix.cells()) {
    const i = index.get(actual) ?? 0;
    const j = index.get(guess) ?? 0;
    support[i] = (support[i] ?? 0) + n;
    predicted[j] = (predicted[j] ?? 0) + n;
    if (i === j) diagonal[i] = (diagonal[i] ?? 0) + n;
  }

  const total = matrix.total();
  const perClass: ClassMetrics[] = [];
  let correct = 0;
  let pooledFp = 0;
  let pooledFn = 0;
  let macroP = 0;
  let macroR = 0;
  let macroF1 = 0;
  let macroFb = 0;
  let weightedP = 0;
  let weightedR = 0;
  let weightedF1 = 0;
  let weightedFb = 0;
  for (let i = 0; i < k; i++) {
    const tp = diagonal[i] ?? 0;
    const s = support[i] ?? 0;
    const p = predicted[i] ?? 0;
    const fp = p - tp;
    const fn = s - tp;
    const scores = scoresFromCounts(tp, fp, fn, beta);
    perClass.push({
      label: labels[i] ?? '',
      tp,
      fp,
      fn,
      tn: total - tp - fp - fn,
      support: s,
      predicted: p,
      ...scores,
    });
    correct += tp;
    pooledFp += fp;
    pooledFn += fn;
    macroP += scores.precision;
    macroR += scores.recall;
    macroF1 += scores.f1;
    macroFb += scores.fBeta;
    weightedP += scores.precision * s;
    weightedR += scores.recall * s;
    weightedF1 += scores.f1 * s;
    weightedFb += scores.fBeta * s;
  }

  // Micro averaging pools the per-class counts. For single-label data each wrong decision is one fp and
  // one fn, so micro precision = recall = F = accuracy; pooling keeps that an outcome, not an assumption.
  return {
    beta,
    labels,
    perClass,
    micro: {
      tp: correct,
      fp: pooledFp,
      fn: pooledFn,
      ...scoresFromCounts(correct, pooledFp, pooledFn, beta),
    },
    macro: { classCount: k, precision: macroP / k, recall: macroR / k, f1: macroF1 / k, fBeta: macroFb / k },
    // The supports sum to the total, which is > 0 here, so the weighted mean is always defined.
    weighted: {
      totalSupport: total,
      precision: weightedP / total,
      recall: weightedR / total,
      f1: weightedF1 / total,
      fBeta: weightedFb / total,
    },
    accuracy: correct / total,
    correct,
    total,
  };
}
