import type { WindowSummary } from '../../../functions/domain/evaluation/window-summary.ts';

/**
 * A {@link WindowSummary} as plain sorted data, so two summaries built in different orders compare equal
 * exactly when every count is equal (histograms and confusion matrices keep their counts in private fields,
 * which deep equality cannot see).
 */
export function summarySnapshot(s: WindowSummary): unknown {
  const sorted = <V>(map: ReadonlyMap<string, V>, f: (v: V) => unknown) =>
    [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, f(v)]);
  const same = (n: number) => n;
  return {
    decisions: sorted(s.decisions, same),
    labelled: sorted(s.labelled, same),
    confusion: sorted(s.confusion, (m) => [...m.cells()].map(([a, p, n]) => `${a}→${p}:${n}`).sort()),
    predicted: sorted(s.predicted, same),
    confidence: s.confidence,
    numericFeatures: sorted(s.numericFeatures, (h) => h.toRecord()),
    categoricalFeatures: sorted(s.categoricalFeatures, (m) => sorted(m, same)),
    missingFeatures: sorted(s.missingFeatures, same),
    tasksStarted: sorted(s.tasksStarted, same),
    taskOutcomes: sorted(s.taskOutcomes, (o) => o),
    taskLatency: sorted(s.taskLatency, (h) => h.toRecord()),
    unknown: sorted(s.unknown, same),
  };
}
