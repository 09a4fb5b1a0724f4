import type { PipelineEvaluation, WindowMeasures } from '../domain/evaluation/evaluation-types.ts';

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
