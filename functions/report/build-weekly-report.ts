import type { Monitor, MonitorConfig, SloConfig } from '../domain/config/config-types.ts';
import { evaluateMonitor } from '../domain/evaluation/evaluate-monitor.ts';
import type {
  MonitorEvaluation,
  QualityMetrics,
  TaskMetrics,
  WindowEvaluation,
} from '../domain/evaluation/evaluation-types.ts';
import { emptyTaskOutcomeCounts } from '../domain/metrics/task-completion.ts';
import { DAY_MS, formatDuration, HOUR_MS, MINUTE_MS, WEEK_MS } from '../domain/slo/durations.ts';
import { summarizeAlerts } from './alert-summary.ts';
import { type DriftCheck, incidentsFromAlerts, incidentsFromChecks } from './drift-incidents.ts';
import { type IsoWeek, weekDays } from './iso-week.ts';
import type { ReportSource } from './report-source.ts';
import {
  type AlertSection,
  type ConfidenceSection,
  type DriftSection,
  type MonitorOverview,
  type MonitorWeek,
  type QualityScores,
  type QualitySeries,
  REPORT_SCHEMA,
  type RejectionSection,
  type SliPeriod,
  type SloWeek,
  type TaskPeriod,
  type TaskSeries,
  type WeeklyReport,
} from './report-types.ts';
import { thresholdTradeoff } from './threshold-tradeoff.ts';

export interface BuildReportOptions {
  /**
   * What is known when the report is made (epoch ms): tasks started at least their timeout before it are
   * settled (timed out when they never finished). Defaults to, and is never earlier than, the week's end.
   */
  readonly asOf?: number;
}

const iso = (t: number) => new Date(t).toISOString();
const isoDate = (t: number) => iso(t).slice(0, 10);

/**
 * The monitor as evaluated at `evaluatedAt` but with what is known at the report's `asOf`: a task's
 * timeout is shortened by the time that has passed since, so tasks that timed out after `evaluatedAt` (but
 * before `asOf`) count as timed out rather than pending. Only `task.timeoutMs` decides settlement in
 * evaluateMonitor; labels need nothing of the kind (they are counted in their decision's bucket).
 */
function knownAt(monitor: Monitor, evaluatedAt: number, asOf: number): Monitor {
  if (!monitor.task) return monitor;
  const timeoutMs = Math.max(0, monitor.task.timeoutMs - (asOf - evaluatedAt));
  return { ...monitor, task: { ...monitor.task, timeoutMs } };
}

/** The SLOs with no alert rules (the report needs budgets, not burn-rate windows), optionally re-periodised. */
function slosFor(monitor: Monitor, periodMs?: number): SloConfig[] {
  return monitor.slos.map((slo) => ({
    ...slo,
    alerting: [],
    ...(periodMs === undefined ? {} : { periodMs }),
  }));
}

function scores(q: QualityMetrics | undefined): QualityScores | null {
  if (!q || q.labelled === 0) return null;
  if (q.binary) {
    return {
      labelled: q.labelled,
      kind: 'binary',
      precision: q.binary.precision,
      recall: q.binary.recall,
      f1: q.binary.f1,
      accuracy: q.multiclass?.accuracy ?? 0,
    };
  }
  if (!q.multiclass) return null;
  return {
    labelled: q.labelled,
    kind: 'multiclass',
    precision: q.multiclass.macro.precision,
    recall: q.multiclass.macro.recall,
    f1: q.multiclass.macro.f1,
    accuracy: q.multiclass.accuracy,
  };
}

function taskPeriod(t: TaskMetrics | undefined): TaskPeriod {
  if (!t) {
    return {
      outcomes: emptyTaskOutcomeCounts(),
      completion: { good: 0, total: 0, ratio: null },
      latencyMs: null,
    };
  }
  return { outcomes: t.outcomes, completion: t.completion, latencyMs: t.latencyMs };
}

function sliPeriod(e: MonitorEvaluation, index: number): SliPeriod {
  const slo = e.slos[index];
  const counts = slo?.periodCounts ?? { good: 0, total: 0 };
  return {
    good: counts.good,
    total: counts.total,
    ratio: counts.total === 0 ? null : counts.good / counts.total,
  };
}

function windowOf(e: MonitorEvaluation): WindowEvaluation {
  const w = e.windows[0];
  if (!w) throw new Error(`evaluation of ${e.monitor} as of ${e.asOf} has no window`);
  return w;
}

function seriesByName<T, S>(
  week: Readonly<Record<string, T>>,
  days: readonly Readonly<Record<string, T>>[],
  convert: (value: T | undefined) => S,
): { names: string[]; series: Record<string, { week: S; daily: S[] }> } {
  const names = new Set(Object.keys(week));
  for (const d of days) for (const n of Object.keys(d)) names.add(n);
  const series: Record<string, { week: S; daily: S[] }> = {};
  const sorted = [...names].sort();
  for (const name of sorted) {
    series[name] = { week: convert(week[name]), daily: days.map((d) => convert(d[name])) };
  }
  return { names: sorted, series };
}

/** Drift checks every drift window (at least hourly, at most daily) over the week, merged into incidents. */
function driftSection(
  monitor: Monitor,
  week: IsoWeek,
  source: ReportSource,
  alerts: AlertSection,
  asOf: number,
): DriftSection {
  const drift = monitor.drift;
  if (!drift) return { features: [], basis: 'none', checks: 0, insufficientChecks: {}, incidents: [] };
  const features = [
    ...drift.features.map((f) => f.name),
    ...(drift.includePrediction ? ['prediction', 'confidence'] : []),
  ];
  if (source.alerts && alerts.available) {
    return {
      features,
      basis: 'alerts',
      window: formatDuration(drift.windowMs),
      checks: 0,
      insufficientChecks: {},
      incidents: incidentsFromAlerts(
        source.alerts(monitor.name, week.from, week.to),
        week.from,
        week.to,
        asOf,
      ),
    };
  }
  const step = Math.min(DAY_MS, Math.max(HOUR_MS, Math.ceil(drift.windowMs / MINUTE_MS) * MINUTE_MS));
  const checkMonitor: Monitor = { ...monitor, slos: [] };
  const checks: DriftCheck[] = [];
  const insufficient: Record<string, number> = {};
  for (let t = week.from + step; t <= week.to; t += step) {
    const evaluation = evaluateMonitor(checkMonitor, t, source, { windowsMs: [] }).drift;
    if (!evaluation) continue;
    for (const f of evaluation.features) {
      if (f.status === 'insufficient_data') insufficient[f.feature] = (insufficient[f.feature] ?? 0) + 1;
    }
    checks.push({
      windowFrom: Date.parse(evaluation.window.from),
      windowTo: Date.parse(evaluation.window.to),
      features: evaluation.features.map((f) => ({
        feature: f.feature,
        status: f.status,
        method: f.method,
        statistic: f.statistic,
        threshold: f.threshold,
      })),
    });
  }
  return {
    features,
    basis: 'checks',
    window: formatDuration(drift.windowMs),
    checkEvery: formatDuration(step),
    checks: checks.length,
    insufficientChecks: insufficient,
    incidents: incidentsFromChecks(checks),
  };
}

function alertSection(monitor: Monitor, week: IsoWeek, source: ReportSource, asOf: number): AlertSection {
  if (!source.alerts) {
    return {
      available: false,
      note: 'This source keeps no alert history (the deployed evaluator records it in the State table).',
      episodes: [],
      fired: 0,
      resolved: 0,
      medianTimeToResolveMs: null,
    };
  }
  return summarizeAlerts(source.alerts(monitor.name, week.from, week.to), week.from, week.to, asOf);
}

function confidenceSection(monitor: Monitor, week: IsoWeek, source: ReportSource): ConfidenceSection | null {
  const positive = monitor.positiveLabel;
  if (positive === undefined) return null;
  const unavailable = (note: string): ConfidenceSection => ({
    available: false,
    note,
    decisions: 0,
    rows: [],
  });
  if (!source.confidenceOutcomes) {
    return unavailable('This source cannot tell which confidences belonged to correct decisions.');
  }
  const outcomes = source.confidenceOutcomes(monitor.name, positive, week.from, week.to);
  if (!outcomes) {
    return unavailable(
      'The pipeline counters hold the confidence of every decision but not whether it was correct; ' +
        'this section needs the raw decisions (run `driftwatch report --events`) or confidence × outcome counters.',
    );
  }
  let decisions = 0;
  for (const bins of [outcomes.tp, outcomes.fp, outcomes.fn, outcomes.tn])
    for (const c of bins) decisions += c;
  if (decisions === 0) {
    return {
      available: true,
      note: 'No labelled decision with a confidence this week.',
      decisions,
      rows: [],
    };
  }
  return { available: true, decisions, rows: thresholdTradeoff(outcomes) };
}

function monitorWeek(monitor: Monitor, week: IsoWeek, source: ReportSource, asOf: number): MonitorWeek {
  const dayStarts = weekDays(week);
  const n = monitor.slos.length;
  const noDrift = { drift: undefined };
  // Week start: the first point of each SLO's burn-down.
  const start = evaluateMonitor(
    { ...knownAt(monitor, week.from, asOf), slos: slosFor(monitor), ...noDrift },
    week.from,
    source,
    { windowsMs: [] },
  );
  // Each day: its window, the SLO budgets over their periods ending that night, and each SLO over the day.
  const days = dayStarts.map((dayStart) => {
    const end = dayStart + DAY_MS;
    return evaluateMonitor(
      {
        ...knownAt(monitor, end, asOf),
        slos: [...slosFor(monitor), ...slosFor(monitor, DAY_MS)],
        ...noDrift,
      },
      end,
      source,
      { windowsMs: [DAY_MS] },
    );
  });
  const weekEval = evaluateMonitor(
    { ...knownAt(monitor, week.to, asOf), slos: slosFor(monitor, WEEK_MS), ...noDrift },
    week.to,
    source,
    { windowsMs: [WEEK_MS] },
  );
  const weekWindow = windowOf(weekEval);
  const dayWindows = days.map(windowOf);

  const slos: SloWeek[] = monitor.slos.map((slo, i) => {
    const weekSli = sliPeriod(weekEval, i);
    const lastDay = days[days.length - 1];
    return {
      name: slo.name,
      ...(slo.description === undefined ? {} : { description: slo.description }),
      sli: slo.sli,
      objective: slo.objective,
      budgetingMethod: slo.budgetingMethod,
      period: formatDuration(slo.periodMs),
      filter: slo.filter,
      ...(slo.budgetingMethod === 'timeslices'
        ? { threshold: slo.threshold, timeslice: formatDuration(slo.timesliceMs) }
        : {}),
      ...(slo.sli === 'latency' ? { thresholdMs: slo.thresholdMs } : {}),
      week: { ...weekSli, met: weekSli.ratio === null ? null : weekSli.ratio >= slo.objective },
      daily: days.map((d) => sliPeriod(d, n + i)),
      budgetAtWeekEnd: lastDay?.slos[i]?.budget ?? null,
      burnDown: [start, ...days].map((e) => ({
        at: e.asOf,
        remaining: e.slos[i]?.budget?.remaining ?? null,
      })),
    };
  });

  const qualityByTask = seriesByName(
    weekWindow.qualityByTask,
    dayWindows.map((w) => w.qualityByTask),
    scores,
  ).series as Record<string, QualitySeries>;
  const qualityByVariant = seriesByName(
    weekWindow.qualityByVariant,
    dayWindows.map((w) => w.qualityByVariant),
    scores,
  ).series as Record<string, QualitySeries>;
  const tasksByTask = seriesByName(
    weekWindow.tasksByTask,
    dayWindows.map((w) => w.tasksByTask),
    taskPeriod,
  ).series as Record<string, TaskSeries>;
  const alerts = alertSection(monitor, week, source, asOf);
  return {
    monitor: monitor.name,
    ...(monitor.description === undefined ? {} : { description: monitor.description }),
    ...(monitor.positiveLabel === undefined ? {} : { positiveLabel: monitor.positiveLabel }),
    decisions: { week: weekWindow.decisions, daily: dayWindows.map((w) => w.decisions) },
    slos,
    quality: {
      week: scores(weekWindow.quality),
      daily: dayWindows.map((w) => scores(w.quality)),
      byTask: qualityByTask,
      byVariant: qualityByVariant,
    },
    coverage: {
      week: weekWindow.coverage,
      daily: dayWindows.map((w) => w.coverage),
      byVariant: weekWindow.coverageByVariant,
    },
    tasks: {
      week: taskPeriod(weekWindow.tasks),
      daily: dayWindows.map((w) => taskPeriod(w.tasks)),
      byTask: tasksByTask,
    },
    ...(monitor.task ? { taskSla: { slaMs: monitor.task.slaMs, timeoutMs: monitor.task.timeoutMs } } : {}),
    drift: driftSection(monitor, week, source, alerts, asOf),
    alerts,
    confidence: confidenceSection(monitor, week, source),
  };
}

function overviewOf(m: MonitorWeek): MonitorOverview {
  const budgets = m.slos.map((s) => s.budgetAtWeekEnd?.remaining).filter((r): r is number => r !== undefined);
  return {
    monitor: m.monitor,
    slosMet: m.slos.filter((s) => s.week.met === true).length,
    slosMissed: m.slos.filter((s) => s.week.met === false).length,
    slosWithoutData: m.slos.filter((s) => s.week.met === null).length,
    lowestBudgetRemaining: budgets.length === 0 ? null : Math.min(...budgets),
    decisions: m.decisions.week,
    f1: m.quality.week?.f1 ?? null,
    completion: m.tasks.week.completion.ratio,
    driftIncidents: m.drift.incidents.length,
    alertsFired: m.alerts.available ? m.alerts.fired : null,
  };
}

function rejectionSection(week: IsoWeek, source: ReportSource): RejectionSection {
  if (!source.rejections) {
    return {
      available: false,
      note:
        'Rejected events are answered to the producer with their reason and counted in the ingest metrics; ' +
        'the pipeline does not store them per reason.',
      total: 0,
      byReason: [],
    };
  }
  const r = source.rejections(week.from, week.to);
  return {
    available: true,
    total: r.total,
    byReason: Object.entries(r.byReason)
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    ...(r.undated === undefined ? {} : { undated: r.undated }),
  };
}

/**
 * The weekly governance report of every configured monitor over one ISO week: SLO attainment over the week
 * and error budget left over each SLO's period (with a daily burn-down), decision quality per day, task and
 * variant, label coverage, task completion and latency, drift incidents, alerts, the confidence-threshold
 * trade-off and rejected events. Every number comes from `evaluateMonitor` on the same source, so a day of
 * the report equals `driftwatch evaluate --at <next midnight>` over its 1d window. Pure and deterministic for
 * a source, a week and `asOf`.
 *
 * Complexity: per monitor, 9 evaluations plus one drift check per drift window of the week; each evaluation
 * costs what `evaluateMonitor` costs on the source (bucket reads for the pipeline, minute sums offline).
 *
 * @example buildWeeklyReport(config, parseIsoWeek('2026-W47'), source).monitors[0]?.slos[0]?.week.met
 */
export function buildWeeklyReport(
  config: MonitorConfig,
  week: IsoWeek,
  source: ReportSource,
  options: BuildReportOptions = {},
): WeeklyReport {
  const asOf = Math.max(week.to, Math.floor((options.asOf ?? week.to) / MINUTE_MS) * MINUTE_MS);
  const monitors = config.monitors.map((m) => monitorWeek(m, week, source, asOf));
  return {
    schema: REPORT_SCHEMA,
    week: week.name,
    from: iso(week.from),
    to: iso(week.to),
    days: weekDays(week).map(isoDate),
    asOf: iso(asOf),
    source: source.description,
    overview: monitors.map(overviewOf),
    monitors,
    rejections: rejectionSection(week, source),
  };
}
