export {
  type BinaryMetrics,
  binaryMetrics,
  type ClassMetrics,
  fBetaFromCounts,
  type MulticlassMetrics,
  multiclassMetrics,
  precisionFromCounts,
  recallFromCounts,
  type ScoreOptions,
  type Scores,
} from './classification-metrics.ts';
export {
  type ConfusionCounts,
  ConfusionMatrix,
  compareLabels,
  confusionFromPairs,
} from './confusion-matrix.ts';
export {
  binaryMetricsByGroup,
  confusionByGroup,
  type GroupedCount,
  type GroupedMetrics,
  type GroupResult,
  metricsByGroup,
  pairKey,
  parsePairKey,
  rollUp,
} from './grouped-metrics.ts';
export { type LabelCoverage, labelCoverage } from './label-coverage.ts';
export { percentiles, quantile } from './percentiles.ts';
export {
  addTaskOutcome,
  type CompletionSli,
  classifyTask,
  completionSli,
  emptyTaskOutcomeCounts,
  TASK_OUTCOMES,
  type TaskOutcome,
  type TaskOutcomeCounts,
  type TaskTerminalStatus,
  type TaskTimeline,
} from './task-completion.ts';
