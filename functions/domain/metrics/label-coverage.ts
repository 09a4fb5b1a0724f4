import { InvalidStatisticInputError } from '../errors.ts';

/** How many decisions received a ground-truth label. */
export interface LabelCoverage {
  readonly decisions: number;
  readonly labelled: number;
  /** labelled / decisions in [0, 1]; `null` when there were no decisions (coverage is undefined, not 0). */
  readonly coverage: number | null;
}

/**
 * Label coverage = labelled / decisions: the share of decisions for which ground truth arrived, which
 * tells how much the quality metrics (precision, recall…) can be trusted — they are computed on the
 * labelled subset only.
 *
 * With no decisions the coverage is `null` rather than 0 (nothing was left unlabelled) or NaN, so an
 * idle monitor neither alerts on "0 % coverage" nor poisons aggregates.
 * Labels must be counted against the bucket of the decision they label (not the bucket in which the label
 * arrived); otherwise late labels can exceed the decisions of a window, which is rejected.
 *
 * Source: Google SRE Workbook, ch. 2 "Implementing SLOs" (an SLI is good events / valid events).
 * Complexity: O(1).
 *
 * @throws {InvalidStatisticInputError} when a count is negative, fractional, or `labelled > decisions`.
 * @example
 * labelCoverage(200, 50); // { decisions: 200, labelled: 50, coverage: 0.25 }
 * labelCoverage(0, 0);    // { decisions: 0, labelled: 0, coverage: null }
 */
export function labelCoverage(decisions: number, labelled: number): LabelCoverage {
  for (const [name, value] of [
    ['decisions', decisions],
    ['labelled', labelled],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new InvalidStatisticInputError(`${name} must be a non-negative safe integer, got ${value}`);
    }
  }
  if (labelled > decisions) {
    throw new InvalidStatisticInputError(
      `labelled (${labelled}) exceeds decisions (${decisions}): labels must be counted in their decision's bucket`,
    );
  }
  return { decisions, labelled, coverage: decisions === 0 ? null : labelled / decisions };
}
