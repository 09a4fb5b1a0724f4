import type { MonitorEvaluation, QualityMetrics } from '../domain/evaluation/evaluation-types.ts';
import type { FileEvaluation } from '../offline/evaluate-events-file.ts';
import { dash, ms, num, pct, textTable } from './text-table.ts';

function scores(q: QualityMetrics): { precision: number | null; recall: number | null; f1: number | null } {
  if (q.binary) return { precision: q.binary.precision, recall: q.binary.recall, f1: q.binary.f1 };
  if (q.multiclass)
    return {
      precision: q.multiclass.macro.precision,
      recall: q.multiclass.macro.recall,
      f1: q.multiclass.macro.f1,
    };
  return { precision: null, recall: null, f1: null };
}

function windowsTable(m: MonitorEvaluation): string {
  return textTable(
    [
      'window',
      'decisions',
      'labelled',
      'coverage',
      'precision',
      'recall',
      'F1',
      'accuracy',
      'tasks',
      'completion',
      'p50',
      'p95',
      'p99',
    ],
    m.windows.map((w) => {
      const s = scores(w.quality);
      return [
        w.window,
        String(w.decisions),
        String(w.quality.labelled),
        pct(w.coverage.coverage),
        num(s.precision),
        num(s.recall),
        num(s.f1),
        num(w.quality.multiclass?.accuracy),
        String(w.tasks.completion.total),
        pct(w.tasks.completion.ratio, 2),
        ms(w.tasks.latencyMs?.p50),
        ms(w.tasks.latencyMs?.p95),
        ms(w.tasks.latencyMs?.p99),
      ];
    }),
  );
}

function variantsTable(m: MonitorEvaluation): string | undefined {
  const longest = m.windows[m.windows.length - 1];
  if (!longest || Object.keys(longest.qualityByVariant).length < 2) return undefined;
  const rows = Object.entries(longest.qualityByVariant).map(([variant, q]) => {
    const s = scores(q);
    return [variant, String(q.labelled), num(s.precision), num(s.recall), num(s.f1)];
  });
  return `By variant over ${longest.window}:\n${textTable(['variant', 'labelled', 'precision', 'recall', 'F1'], rows)}`;
}

function slosTable(m: MonitorEvaluation): string | undefined {
  if (m.slos.length === 0) return undefined;
  return textTable(
    ['SLO', 'SLI', 'objective', 'period', 'attained', 'budget left', 'burn rates (long/short)', 'status'],
    m.slos.map((s) => [
      s.name,
      s.threshold === undefined ? s.sli : `${s.sli}≥${s.threshold}/${s.timeslice}`,
      pct(s.objective, 2),
      s.period,
      pct(s.ratio, 2),
      s.budget ? pct(s.budget.remaining, 1) : dash,
      s.burnRates
        .map(
          (b) =>
            `${b.longWindow}/${b.shortWindow} ${num(b.longBurnRate, 1)}/${num(b.shortBurnRate, 1)}${b.status === 'firing' ? '!' : ''}`,
        )
        .join('  '),
      s.firing ? `FIRING ${s.firing}` : 'ok',
    ]),
  );
}

function driftTable(m: MonitorEvaluation): string | undefined {
  if (!m.drift) return undefined;
  const d = m.drift;
  const table = textTable(
    ['feature', 'kind', 'method', 'statistic', 'threshold', 'p (adj.)', 'baseline n', 'current n', 'status'],
    d.features.map((f) => [
      f.feature,
      f.kind,
      f.method,
      num(f.statistic),
      String(f.threshold),
      f.adjustedPValue === null ? dash : f.adjustedPValue.toExponential(2),
      String(f.referenceSize),
      String(f.currentSize),
      f.status,
    ]),
  );
  return `Drift: ${d.window.from} .. ${d.window.to} against baseline ${d.baseline.from} .. ${d.baseline.to} (${d.share.drifted}/${d.share.total} drifted)\n${table}`;
}

/** The human-readable report of an offline evaluation. */
export function formatEvaluationTable(result: FileEvaluation): string {
  const e = result.events;
  const parts = [
    `${result.file}: ${e.lines} lines, ${e.accepted} accepted, ${e.duplicates} duplicates, ${e.conflicts} conflicts, ${e.rejected} rejected — as of ${result.asOf}`,
  ];
  for (const [reason, count] of Object.entries(e.rejectionsByReason))
    parts.push(`  rejected ×${count}: ${reason}`);
  for (const m of result.monitors) {
    parts.push('', `■ ${m.monitor}`, windowsTable(m));
    for (const section of [variantsTable(m), slosTable(m), driftTable(m)])
      if (section) parts.push('', section);
  }
  return `${parts.join('\n')}\n`;
}
