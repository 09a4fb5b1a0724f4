import { CONFIDENCE_BINS } from '../domain/counters/decision-deltas.ts';
import { InvalidStatisticInputError } from '../domain/errors.ts';
import { fBetaFromCounts } from '../domain/metrics/classification-metrics.ts';
import type { ConfidenceOutcomes } from './confidence-outcomes.ts';

/** Precision, recall and F1 had positive predictions been acted on only from a confidence threshold up. */
export interface ThresholdRow {
  /** Act on a positive prediction only when its confidence is ≥ this (a bin edge, k/20). */
  readonly threshold: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
  /** Null when no decision would have been acted on as positive (precision is undefined, not 0). */
  readonly precision: number | null;
  /** Null when the week had no positive labels. */
  readonly recall: number | null;
  readonly f1: number;
  /** Positive predictions acted on: tp + fp. */
  readonly actedOn: number;
}

function sum(values: readonly number[], from = 0, to = values.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += values[i] ?? 0;
  return s;
}

/**
 * What moving the confidence threshold would have changed: for each bin edge t = k/20 (k = 0 … 19), the
 * one-vs-rest counts and scores had a positive prediction been acted on only when its confidence is ≥ t,
 * and treated as a negative otherwise. t = 0 is what happened. Raising t turns low-confidence true
 * positives into false negatives and low-confidence false positives into true negatives, so precision
 * usually rises and recall falls: this is the precision–recall curve of the positive predictions, scored
 * by their confidence, at the resolution of the pipeline's confidence bins.
 *
 * tp(t) = Σ_{b ≥ k} tp_b, fp(t) = Σ_{b ≥ k} fp_b, fn(t) = Σ_b fn_b + Σ_{b < k} tp_b, tn(t) = Σ_b tn_b + Σ_{b < k} fp_b.
 *
 * Source: scikit-learn `precision_recall_curve` (scores thresholded at ≥ t) and
 * `precision_recall_fscore_support(average='binary', zero_division=0)` for F1.
 * Complexity: O(bins).
 *
 * @throws {InvalidStatisticInputError} when the outcomes are empty (no labelled decision with a confidence),
 * have the wrong number of bins, or hold a negative or non-integer count.
 * @example
 * const tp = new Array(20).fill(0); tp[19] = 8; tp[10] = 2;
 * const fp = new Array(20).fill(0); fp[10] = 2;
 * thresholdTradeoff({ tp, fp, fn: new Array(20).fill(0), tn: new Array(20).fill(0) })[11]?.precision // 1
 */
export function thresholdTradeoff(outcomes: ConfidenceOutcomes): ThresholdRow[] {
  for (const name of ['tp', 'fp', 'fn', 'tn'] as const) {
    const bins = outcomes[name];
    if (bins.length !== CONFIDENCE_BINS) {
      throw new InvalidStatisticInputError(`${name} must have ${CONFIDENCE_BINS} bins, got ${bins.length}`);
    }
    for (const c of bins) {
      if (!Number.isSafeInteger(c) || c < 0) {
        throw new InvalidStatisticInputError(`${name} counts must be non-negative integers, got ${c}`);
      }
    }
  }
  const fnAll = sum(outcomes.fn);
  const tnAll = sum(outcomes.tn);
  const tpAll = sum(outcomes.tp);
  const fpAll = sum(outcomes.fp);
  if (tpAll + fpAll + fnAll + tnAll === 0) {
    throw new InvalidStatisticInputError('no labelled decision with a confidence: nothing to trade off');
  }
  const rows: ThresholdRow[] = [];
  let tpBelow = 0;
  let fpBelow = 0;
  for (let k = 0; k < CONFIDENCE_BINS; k++) {
    const tp = tpAll - tpBelow;
    const fp = fpAll - fpBelow;
    const fn = fnAll + tpBelow;
    const tn = tnAll + fpBelow;
    rows.push({
      threshold: k / CONFIDENCE_BINS,
      tp,
      fp,
      fn,
      tn,
      precision: tp + fp === 0 ? null : tp / (tp + fp),
      recall: tp + fn === 0 ? null : tp / (tp + fn),
      f1: fBetaFromCounts(tp, fp, fn, 1),
      actedOn: tp + fp,
    });
    tpBelow += outcomes.tp[k] ?? 0;
    fpBelow += outcomes.fp[k] ?? 0;
  }
  return rows;
}
