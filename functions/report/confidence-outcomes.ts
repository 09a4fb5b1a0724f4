import { parseCounterKey } from '../domain/counters/counter-key.ts';
import { CONFIDENCE_BINS, confidenceBin } from '../domain/counters/decision-deltas.ts';
import type { DecisionRecord } from '../domain/pairing/decision-record.ts';

/**
 * Labelled decisions that carry a confidence, counted per confidence bin (the pipeline's 20 equal-width bins
 * over [0, 1], see `confidenceBin`) and per outcome with respect to the monitor's positive label:
 * tp = predicted positive and positive, fp = predicted positive but not, fn = predicted another class but
 * positive, tn = neither. Enough to recompute precision and recall at any bin edge as threshold.
 */
export interface ConfidenceOutcomes {
  readonly tp: readonly number[];
  readonly fp: readonly number[];
  readonly fn: readonly number[];
  readonly tn: readonly number[];
}

export type ConfidenceOutcome = 'tp' | 'fp' | 'fn' | 'tn';

/**
 * The counter kind proposed for the pipeline's fold: `cc␟<bin>␟<tp|fp|fn|tn>`, added once per labelled
 * decision with a confidence, in the decision's bucket, when decision and label meet. The existing `conf`
 * histogram counts every decision's confidence but not whether it was right, so it cannot give this table.
 */
export const CONFIDENCE_OUTCOME_KIND = 'cc';

const OUTCOMES: readonly ConfidenceOutcome[] = ['tp', 'fp', 'fn', 'tn'];

function emptyBins(): { tp: number[]; fp: number[]; fn: number[]; tn: number[] } {
  const zeros = () => new Array<number>(CONFIDENCE_BINS).fill(0);
  return { tp: zeros(), fp: zeros(), fn: zeros(), tn: zeros() };
}

/**
 * The outcome of one labelled decision for a positive label (one-vs-rest). O(1).
 * @example confidenceOutcome('ok', 'fraud', 'fraud') // 'fn'
 */
export function confidenceOutcome(
  predicted: string,
  actual: string,
  positiveLabel: string,
): ConfidenceOutcome {
  if (predicted === positiveLabel) return actual === positiveLabel ? 'tp' : 'fp';
  return actual === positiveLabel ? 'fn' : 'tn';
}

/**
 * Counts labelled decisions with a confidence, made in [from, to), by bin and outcome, from the raw decision
 * records (the offline source keeps them). Decisions without a confidence or a label are left out.
 *
 * Source: the one-vs-rest outcome of scikit-learn `precision_recall_fscore_support(average='binary')`.
 * Complexity: O(records).
 *
 * @example confidenceOutcomesFromRecords(pipeline.decisions.values(), 'fraud-screening', 'fraud', from, to).tp
 */
export function confidenceOutcomesFromRecords(
  records: Iterable<DecisionRecord>,
  monitor: string,
  positiveLabel: string,
  from: number,
  to: number,
): ConfidenceOutcomes {
  const out = emptyBins();
  for (const r of records) {
    const d = r.decision;
    if (r.monitor !== monitor || !d || !r.label || d.confidence === undefined) continue;
    if (d.time < from || d.time >= to) continue;
    const bins = out[confidenceOutcome(d.predicted, r.label.actual, positiveLabel)];
    const bin = confidenceBin(d.confidence);
    bins[bin] = (bins[bin] ?? 0) + 1;
  }
  return out;
}

/**
 * Decodes `cc` counters (see {@link CONFIDENCE_OUTCOME_KIND}) from summed window counters; undefined when
 * there are none, i.e. the pipeline does not write them (or nothing was labelled). O(counters).
 *
 * @example confidenceOutcomesFromCounters(new Map([['cc\u001f19\u001ftp', 3]]))?.tp[19] // 3
 */
export function confidenceOutcomesFromCounters(
  counters: ReadonlyMap<string, number>,
): ConfidenceOutcomes | undefined {
  const out = emptyBins();
  let found = false;
  for (const [key, n] of counters) {
    if (!key.startsWith(CONFIDENCE_OUTCOME_KIND)) continue;
    const { kind, dims } = parseCounterKey(key);
    if (kind !== CONFIDENCE_OUTCOME_KIND) continue;
    const bin = Number(dims[0]);
    const outcome = dims[1] as ConfidenceOutcome;
    if (!Number.isInteger(bin) || bin < 0 || bin >= CONFIDENCE_BINS || !OUTCOMES.includes(outcome)) continue;
    const bins = out[outcome];
    bins[bin] = (bins[bin] ?? 0) + n;
    found = true;
  }
  return found ? out : undefined;
}
