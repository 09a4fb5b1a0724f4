import type { MonitorWeek, SloWeek, WeeklyReport } from '../report-types.ts';
import { dayLabel, latencyUnit } from './format.ts';
import {
  barChart,
  type ChartSeries,
  hasData,
  lineChart,
  type ReferenceLine,
  timelineChart,
} from './svg-charts.ts';

/**
 * The report's charts, built from the report model. A chart without any value is not drawn (the section
 * says "no data" instead), so every chart in the document has data.
 */

const DAY_AXIS = 'day (UTC)';
const trimmed = (v: number, decimals: number) => String(Number(v.toFixed(decimals)));
const percentTick = (v: number) => trimmed(v * 100, 2);
const scoreTick = (v: number) => trimmed(v, 3);

function days(report: WeeklyReport): string[] {
  return report.days.map(dayLabel);
}

function chartId(monitor: string, ...parts: (string | number)[]): string {
  return [monitor, ...parts]
    .join('-')
    .replace(/[^a-z0-9-]/gi, '-')
    .toLowerCase();
}

/**
 * Daily SLI of one SLO against its objective.
 * Complexity: O(days).
 * @example sloDailyChart(report, report.monitors[0], slo, 0) // '<svg …>' or null without events
 */
export function sloDailyChart(
  report: WeeklyReport,
  m: MonitorWeek,
  slo: SloWeek,
  index: number,
): string | null {
  const series: ChartSeries[] = [{ name: `${slo.name}, daily`, values: slo.daily.map((d) => d.ratio) }];
  if (!hasData(series)) return null;
  const unit =
    slo.budgetingMethod === 'timeslices' ? `good ${slo.timeslice ?? ''} slices (%)` : 'good events (%)';
  return lineChart({
    id: chartId(m.monitor, 'slo', index, 'daily'),
    title: `${m.monitor} · ${slo.name}: daily SLI against the ${percentTick(slo.objective)}% objective`,
    description: `The share of good ${slo.budgetingMethod === 'timeslices' ? 'timeslices' : 'events'} of ${slo.name} on each day of ${report.week}, with the objective as a reference line.`,
    xLabel: DAY_AXIS,
    yLabel: unit,
    categories: days(report),
    series,
    references: [{ value: slo.objective, label: `objective ${percentTick(slo.objective)}%` }],
    limits: { min: 0, max: 1 },
    format: percentTick,
  });
}

/**
 * Error budget left over the SLO period ending at each midnight of the week.
 * Complexity: O(days).
 * @example burnDownChart(monitor, slo, 0) // '<svg …>' or null without events
 */
export function burnDownChart(m: MonitorWeek, slo: SloWeek, index: number): string | null {
  const series: ChartSeries[] = [
    { name: `budget left over ${slo.period}`, values: slo.burnDown.map((p) => p.remaining) },
  ];
  if (!hasData(series)) return null;
  return lineChart({
    id: chartId(m.monitor, 'slo', index, 'burn-down'),
    title: `${m.monitor} · ${slo.name}: error budget burn-down (${slo.period} period)`,
    description: `Error budget of ${slo.name} left over the ${slo.period} ending at each midnight of the week; below 0% the budget is overspent.`,
    xLabel: 'end of the period (00:00 UTC)',
    yLabel: 'error budget left (%)',
    categories: slo.burnDown.map((p) => dayLabel(p.at.slice(0, 10))),
    series,
    references: [{ value: 0, label: 'budget exhausted (0%)' }],
    include: [0, 1],
    format: percentTick,
  });
}

function qualityReferences(m: MonitorWeek, metrics: readonly string[]): ReferenceLine[] {
  const out: ReferenceLine[] = [];
  for (const slo of m.slos) {
    if (!metrics.includes(slo.sli)) continue;
    if (slo.filter.task !== undefined || slo.filter.variant !== undefined) continue;
    if (slo.budgetingMethod === 'timeslices' && slo.threshold !== undefined) {
      out.push({ value: slo.threshold, label: `${slo.name}: ${slo.sli} threshold ${slo.threshold}` });
    } else if (slo.budgetingMethod === 'occurrences') {
      out.push({ value: slo.objective, label: `${slo.name}: objective ${scoreTick(slo.objective)}` });
    }
  }
  return out;
}

/**
 * Precision, recall and F1 per day (binary for the positive label, else macro averages).
 * Complexity: O(days).
 * @example qualityChart(report, monitor) // '<svg …>' or null without labels
 */
export function qualityChart(report: WeeklyReport, m: MonitorWeek): string | null {
  const q = m.quality.daily;
  const series: ChartSeries[] = [
    { name: 'precision', values: q.map((d) => d?.precision ?? null) },
    { name: 'recall', values: q.map((d) => d?.recall ?? null) },
    { name: 'F1', values: q.map((d) => d?.f1 ?? null) },
  ];
  if (!hasData(series)) return null;
  const of = m.positiveLabel === undefined ? 'macro-averaged over classes' : `of "${m.positiveLabel}"`;
  return lineChart({
    id: chartId(m.monitor, 'quality'),
    title: `${m.monitor} · precision, recall and F1 per day (${of})`,
    description: `Decision quality per day of ${report.week} against ground-truth labels, with the objectives of quality SLOs as reference lines.`,
    xLabel: DAY_AXIS,
    yLabel: 'score (0–1)',
    categories: days(report),
    series,
    references: qualityReferences(m, ['precision', 'recall', 'f1']),
    limits: { max: 1 },
    format: scoreTick,
  });
}

/**
 * F1 per day for each group (variant or task); null with fewer than two groups or no data.
 * Complexity: O(groups × days).
 * @example groupF1Chart(report, monitor, 'variant') // '<svg …>' or null
 */
export function groupF1Chart(report: WeeklyReport, m: MonitorWeek, by: 'variant' | 'task'): string | null {
  const groups = by === 'variant' ? m.quality.byVariant : m.quality.byTask;
  const names = Object.keys(groups);
  if (names.length < 2) return null;
  const series: ChartSeries[] = names.map((name) => ({
    name: `${by} ${name}`,
    values: (groups[name]?.daily ?? []).map((d) => d?.f1 ?? null),
  }));
  if (!hasData(series)) return null;
  return lineChart({
    id: chartId(m.monitor, 'f1-by', by),
    title: `${m.monitor} · F1 per day by ${by}`,
    description: `F1 per day of each ${by}, so a worse ${by} is visible before it is diluted by the others.`,
    xLabel: DAY_AXIS,
    yLabel: 'F1 (0–1)',
    categories: days(report),
    series,
    references: qualityReferences(m, ['f1']),
    limits: { max: 1 },
    format: scoreTick,
  });
}

/**
 * Share of labelled decisions per day.
 * Complexity: O(days).
 * @example coverageChart(report, monitor) // '<svg …>' or null
 */
export function coverageChart(report: WeeklyReport, m: MonitorWeek): string | null {
  const series: ChartSeries[] = [
    { name: 'decisions with a label', values: m.coverage.daily.map((c) => c.coverage) },
  ];
  if (!hasData(series)) return null;
  return barChart({
    id: chartId(m.monitor, 'coverage'),
    title: `${m.monitor} · label coverage per day`,
    description: 'The share of each day’s decisions whose ground-truth label has arrived.',
    xLabel: DAY_AXIS,
    yLabel: 'labelled decisions (%)',
    categories: days(report),
    series,
    include: [0, 1],
    limits: { min: 0, max: 1 },
    format: percentTick,
  });
}

/**
 * Task completion within SLA per day, with completion SLO objectives.
 * Complexity: O(days).
 * @example completionChart(report, monitor) // '<svg …>' or null without tasks
 */
export function completionChart(report: WeeklyReport, m: MonitorWeek): string | null {
  const series: ChartSeries[] = [
    { name: 'completed within SLA', values: m.tasks.daily.map((d) => d.completion.ratio) },
  ];
  if (!hasData(series)) return null;
  const refs = m.slos
    .filter((s) => s.sli === 'completion' && s.filter.task === undefined)
    .map((s) => ({ value: s.objective, label: `${s.name} objective ${percentTick(s.objective)}%` }));
  return lineChart({
    id: chartId(m.monitor, 'completion'),
    title: `${m.monitor} · task completion within SLA per day`,
    description: 'The share of decided tasks completed within their SLA, per day of the tasks’ start.',
    xLabel: DAY_AXIS,
    yLabel: 'tasks completed within SLA (%)',
    categories: days(report),
    series,
    references: refs,
    limits: { min: 0, max: 1 },
    format: percentTick,
  });
}

/**
 * Latency p50 / p95 / p99 of completed tasks per day, with latency SLO thresholds and the task SLA.
 * Complexity: O(days).
 * @example latencyChart(report, monitor) // '<svg …>' or null without completed tasks
 */
export function latencyChart(report: WeeklyReport, m: MonitorWeek): string | null {
  const lat = m.tasks.daily.map((d) => d.latencyMs);
  const refsMs: ReferenceLine[] = m.slos
    .filter((s) => s.sli === 'latency' && s.thresholdMs !== undefined)
    .map((s) => ({ value: s.thresholdMs ?? 0, label: `${s.name} threshold` }));
  if (m.taskSla) refsMs.push({ value: m.taskSla.slaMs, label: 'task SLA' });
  const max = Math.max(0, ...lat.map((l) => l?.p99 ?? 0), ...refsMs.map((r) => r.value));
  const { unit, divisor } = latencyUnit(max);
  const series: ChartSeries[] = (['p50', 'p95', 'p99'] as const).map((p) => ({
    name: p,
    values: lat.map((l) => (l ? l[p] / divisor : null)),
  }));
  if (!hasData(series)) return null;
  return lineChart({
    id: chartId(m.monitor, 'latency'),
    title: `${m.monitor} · task latency percentiles per day`,
    description: 'Latency of completed tasks (start to completion) at the 50th, 95th and 99th percentiles.',
    xLabel: DAY_AXIS,
    yLabel: `latency (${unit})`,
    categories: days(report),
    series,
    references: refsMs.map((r) => ({
      value: r.value / divisor,
      label: `${r.label} ${trimmed(r.value / divisor, 2)} ${unit}`,
    })),
    include: [0],
    format: (v) => trimmed(v, 2),
  });
}

/**
 * Drift incidents as spans over the week, one row per tested feature.
 * Complexity: O(incidents).
 * @example driftTimeline(report, monitor) // '<svg …>' or null without incidents
 */
export function driftTimeline(report: WeeklyReport, m: MonitorWeek): string | null {
  if (m.drift.incidents.length === 0) return null;
  const from = Date.parse(report.from);
  const to = Date.parse(report.to);
  const rows = [...new Set([...m.drift.features, ...m.drift.incidents.map((i) => i.feature)])];
  return timelineChart({
    id: chartId(m.monitor, 'drift'),
    title: `${m.monitor} · drift incidents during the week`,
    description: 'When each tested feature had drifted from its baseline; one row per feature.',
    xLabel: 'time (UTC, ticks at 00:00)',
    rows,
    from,
    to,
    ticks: [
      ...report.days.map((d) => ({ at: Date.parse(`${d}T00:00:00Z`), label: dayLabel(d) })),
      { at: to, label: '' },
    ],
    spans: m.drift.incidents.map((i) => ({
      row: i.feature,
      from: Date.parse(i.from),
      to: Date.parse(i.to),
      label: `${i.feature}: ${i.method ?? 'drift'} ${i.statistic === null ? '' : i.statistic.toPrecision(3)} from ${i.from} to ${i.to}`,
    })),
  });
}

/**
 * Precision, recall and F1 had positive predictions been acted on only from each confidence threshold.
 * Complexity: O(thresholds).
 * @example tradeoffChart(monitor) // '<svg …>' or null without the trade-off
 */
export function tradeoffChart(m: MonitorWeek): string | null {
  const rows = m.confidence?.rows ?? [];
  if (rows.length === 0) return null;
  const series: ChartSeries[] = [
    { name: 'precision', values: rows.map((r) => r.precision) },
    { name: 'recall', values: rows.map((r) => r.recall) },
    { name: 'F1', values: rows.map((r) => r.f1) },
  ];
  if (!hasData(series)) return null;
  return lineChart({
    id: chartId(m.monitor, 'threshold'),
    title: `${m.monitor} · what moving the confidence threshold would have changed`,
    description: `Precision, recall and F1 of "${m.positiveLabel ?? ''}" had a positive prediction been acted on only at or above each confidence; 0.00 is what happened.`,
    xLabel: `minimum confidence to act on "${m.positiveLabel ?? ''}"`,
    yLabel: 'score (0–1)',
    categories: rows.map((r) => r.threshold.toFixed(2)),
    series,
    references: qualityReferences(m, ['precision', 'recall', 'f1']),
    limits: { max: 1 },
    format: scoreTick,
  });
}
