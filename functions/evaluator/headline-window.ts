import type {
  PipelineEvaluation,
  QualityMetrics,
  WindowMeasures,
} from '../domain/evaluation/evaluation-types.ts';

/** Windows shorter than this hold too few labels for a stable precision, recall or F1. */
export const HEADLINE_MIN_WINDOW_MS = 60 * 60_000;

/**
 * The window whose quality and completion a monitor's headline numbers (the CloudWatch metrics Precision,
 * Recall, F1, CompletionRate and the snapshots' per-variant figures) describe: the shortest evaluated window
 * of at least an hour — 1h with the Workbook's alert windows. Shorter windows (5m, 30m) move with every few
 * labels; longer ones hide a drop for hours. Falls back to the longest window when all are shorter.
 *
 * Complexity: O(windows).
 * @example headlineWindow(evaluation)?.window // '1h'
 */
export function headlineWindow(evaluation: PipelineEvaluation): WindowMeasures | undefined {
  let best: WindowMeasures | undefined;
  for (const w of evaluation.windows) {
    if (w.windowMs >= HEADLINE_MIN_WINDOW_MS && (best === undefined || w.windowMs < best.windowMs)) best = w;
  }
  if (best) return best;
  for (const w of evaluation.windows) if (best === undefined || w.windowMs > best.windowMs) best = w;
  return best;
}

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
