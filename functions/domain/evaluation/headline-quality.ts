import type { QualityMetrics } from './evaluation-types.ts';

/**
 * The quality figures a monitor is summed up by (metrics, snapshots, alert messages): those of the positive
 * label when the monitor has one, macro averages otherwise.
 */
export interface HeadlineQuality {
  readonly labelled: number;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
  readonly accuracy: number | null;
}

/**
 * Precision, recall and F1 of the positive label when the monitor has one, macro-averaged otherwise; null
 * without labelled decisions.
 *
 * Complexity: O(1).
 * @example headlineQuality(window.quality).f1 // 0.84
 */
export function headlineQuality(q: QualityMetrics): HeadlineQuality {
  const b = q.binary;
  const m = q.multiclass;
  return {
    labelled: q.labelled,
    precision: b ? b.precision : (m?.macro.precision ?? null),
    recall: b ? b.recall : (m?.macro.recall ?? null),
    f1: b ? b.f1 : (m?.macro.f1 ?? null),
    accuracy: m?.accuracy ?? null,
  };
}
