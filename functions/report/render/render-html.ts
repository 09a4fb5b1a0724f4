import type { LabelCoverage } from '../../domain/metrics/label-coverage.ts';
import type {
  MonitorWeek,
  QualityScores,
  QualitySeries,
  SloWeek,
  TaskPeriod,
  WeeklyReport,
} from '../report-types.ts';
import {
  count,
  dateTime,
  dayLabel,
  duration,
  escapeHtml as h,
  latency,
  objectiveDecimals,
  pct,
  pointsChange,
  score,
} from './format.ts';
import {
  burnDownChart,
  completionChart,
  coverageChart,
  driftTimeline,
  groupF1Chart,
  latencyChart,
  qualityChart,
  sloDailyChart,
  tradeoffChart,
} from './report-charts.ts';

/**
 * The report as one self-contained HTML page: inline CSS, inline SVG, no script, no external font, image or
 * link target needed to read it, so it opens offline, prints, and survives a mail client. Every number a chart
 * shows is also in a table (some mail clients drop SVG).
 */

const CSS = `
body{margin:0;background:#fff;color:#111;font:14px/1.45 Helvetica,Arial,sans-serif}
main{max-width:1000px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:20px;margin:36px 0 8px;border-bottom:2px solid #111;padding-bottom:4px}
h3{font-size:16px;margin:24px 0 6px}
p{margin:6px 0}
.meta{color:#333}
.note{color:#444;font-style:italic}
table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}
th,td{border:1px solid #888;padding:3px 8px;text-align:right;vertical-align:top}
th{background:#eee}
th:first-child,td:first-child,td.text,th.text{text-align:left}
tr.total td{font-weight:bold;border-top:2px solid #111}
.met{font-weight:bold}
.missed{font-weight:bold;text-decoration:underline}
.nodata{color:#555}
svg.chart{display:block;max-width:100%;height:auto;margin:8px 0 18px}
.charts svg.chart{display:inline-block;vertical-align:top;width:49%;min-width:300px;margin:8px 0 18px}
@media print{section.monitor{break-before:page}svg.chart,table{break-inside:avoid}main{padding:0}}
`;

function status(met: boolean | null): string {
  if (met === null) return '<span class="nodata">– no data</span>';
  return met ? '<span class="met">✔ met</span>' : '<span class="missed">✘ missed</span>';
}

function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  totalRow?: readonly string[],
): string {
  const th = head.map((c) => `<th>${c}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  const total = totalRow ? `<tr class="total">${totalRow.map((c) => `<td>${c}</td>`).join('')}</tr>` : '';
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}${total}</tbody></table>`;
}

function chart(svg: string | null, empty: string): string {
  return svg ?? `<p class="note">${h(empty)}</p>`;
}

/** Two charts side by side on a wide screen, one under the other on a narrow one or without CSS. */
function pair(a: string, b: string): string {
  return a === '' && b === '' ? '' : `<div class="charts">${a}${b}</div>`;
}

function sloTarget(slo: SloWeek): string {
  const objective = pct(slo.objective, objectiveDecimals(slo.objective) - 1);
  if (slo.budgetingMethod === 'timeslices') {
    return `${objective} of ${h(slo.timeslice ?? '')} slices with ${h(slo.sli)} ≥ ${slo.threshold ?? ''}`;
  }
  if (slo.sli === 'latency') return `${objective} within ${latency(slo.thresholdMs)}`;
  return objective;
}

function sloFilter(slo: SloWeek): string {
  const parts = [
    ...(slo.filter.task === undefined ? [] : [`task ${slo.filter.task}`]),
    ...(slo.filter.variant === undefined ? [] : [`variant ${slo.filter.variant}`]),
  ];
  return parts.length === 0 ? '' : ` (${h(parts.join(', '))})`;
}

function overview(report: WeeklyReport): string {
  const rows = report.overview.map((o) => [
    `<a href="#m-${h(o.monitor)}">${h(o.monitor)}</a>`,
    `${o.slosMet} met, ${o.slosMissed} missed${o.slosWithoutData > 0 ? `, ${o.slosWithoutData} no data` : ''}`,
    pct(o.lowestBudgetRemaining),
    count(o.decisions),
    score(o.f1),
    pct(o.completion),
    String(o.driftIncidents),
    o.alertsFired === null ? '—' : String(o.alertsFired),
  ]);
  return table(
    [
      'monitor',
      'SLOs this week',
      'lowest budget left',
      'decisions',
      'F1',
      'completion',
      'drift incidents',
      'alerts fired',
    ],
    rows,
  );
}

function sloSection(report: WeeklyReport, m: MonitorWeek): string {
  if (m.slos.length === 0) return '<h3>SLOs</h3><p class="note">No SLO is configured for this monitor.</p>';
  const rows = m.slos.map((s) => {
    const d = s.budgetingMethod === 'timeslices' ? 1 : objectiveDecimals(s.objective);
    return [
      `${h(s.name)}${sloFilter(s)}`,
      h(s.sli),
      sloTarget(s),
      `${pct(s.week.ratio, d)} <span class="meta">(${count(s.week.good)} / ${count(s.week.total)})</span>`,
      status(s.week.met),
      h(s.period),
      pct(s.budgetAtWeekEnd?.remaining),
      pct(s.budgetAtWeekEnd?.consumed),
    ];
  });
  const charts = m.slos
    .map((s, i) =>
      pair(
        chart(burnDownChart(m, s, i), `${s.name}: no events in its period, no budget to chart.`),
        chart(sloDailyChart(report, m, s, i), `${s.name}: no events this week.`),
      ),
    )
    .join('');
  return (
    '<h3>SLOs: attainment this week and error budget left</h3>' +
    table(
      [
        'SLO',
        'SLI',
        'objective',
        'this week',
        'status',
        'period',
        'budget left at week end',
        'budget consumed',
      ],
      rows,
    ) +
    '<p class="note">“This week” is the SLI over the seven days; the budget is over the SLO’s rolling period ending at the end of the week (negative: overspent).</p>' +
    charts
  );
}

function qualityCells(q: QualityScores | null): string[] {
  return [count(q?.labelled ?? 0), score(q?.precision), score(q?.recall), score(q?.f1)];
}

function dailyTable(report: WeeklyReport, m: MonitorWeek): string {
  // Completion and latency columns only for a monitor with tasks this week.
  const tasks = m.tasks.week.outcomes.started > 0;
  const taskCells = (t: TaskPeriod | undefined) =>
    tasks
      ? [
          pct(t?.completion.ratio),
          latency(t?.latencyMs?.p50),
          latency(t?.latencyMs?.p95),
          latency(t?.latencyMs?.p99),
        ]
      : [];
  const rows = report.days.map((day, i) => [
    dayLabel(day),
    count(m.decisions.daily[i] ?? 0),
    ...qualityCells(m.quality.daily[i] ?? null),
    pct(m.coverage.daily[i]?.coverage),
    ...taskCells(m.tasks.daily[i]),
  ]);
  return table(
    [
      'day',
      'decisions',
      'labelled',
      'precision',
      'recall',
      'F1',
      'label coverage',
      ...(tasks ? ['completion', 'p50', 'p95', 'p99'] : []),
    ],
    rows,
    [
      'week',
      count(m.decisions.week),
      ...qualityCells(m.quality.week),
      pct(m.coverage.week.coverage),
      ...taskCells(m.tasks.week),
    ],
  );
}

function groupTable(
  label: string,
  groups: Readonly<Record<string, QualitySeries>>,
  report: WeeklyReport,
  coverage?: Readonly<Record<string, LabelCoverage>>,
): string {
  const names = Object.keys(groups);
  if (names.length === 0) return '';
  const rows = names.map((name) => {
    const g = groups[name];
    return [
      h(name),
      ...(coverage ? [pct(coverage[name]?.coverage)] : []),
      ...qualityCells(g?.week ?? null),
      ...(g?.daily ?? []).map((d) => score(d?.f1)),
    ];
  });
  return table(
    [
      label,
      ...(coverage ? ['label coverage'] : []),
      'labelled',
      'precision',
      'recall',
      'F1 (week)',
      ...report.days.map((d) => `F1 ${dayLabel(d)}`),
    ],
    rows,
  );
}

function qualitySection(report: WeeklyReport, m: MonitorWeek): string {
  const of =
    m.positiveLabel === undefined
      ? 'No positive label is configured: precision, recall and F1 are macro averages over the classes.'
      : `Precision, recall and F1 are of the positive label “${h(m.positiveLabel)}” (one-vs-rest).`;
  return (
    '<h3>Decision quality, label coverage, completion and latency per day</h3>' +
    `<p class="note">${of} Quality counts decisions whose label has arrived by ${dateTime(report.asOf)} UTC, in the day of the decision.</p>` +
    dailyTable(report, m) +
    pair(
      chart(qualityChart(report, m), 'No labelled decision this week: no quality chart.'),
      chart(coverageChart(report, m), 'No decision this week: no coverage chart.'),
    ) +
    '<h3>By rollout variant</h3>' +
    (groupTable('variant', m.quality.byVariant, report, m.coverage.byVariant) ||
      '<p class="note">No labelled decision this week.</p>') +
    '<h3>By task</h3>' +
    (groupTable('task', m.quality.byTask, report) || '<p class="note">No labelled decision this week.</p>') +
    pair(groupF1Chart(report, m, 'variant') ?? '', groupF1Chart(report, m, 'task') ?? '')
  );
}

function taskRow(name: string, t: TaskPeriod): string[] {
  const o = t.outcomes;
  return [
    h(name),
    count(o.started),
    count(o.completedWithinSla),
    count(o.completedLate),
    count(o.failed),
    count(o.handedOff),
    count(o.timedOut),
    count(o.pending),
    pct(t.completion.ratio),
    latency(t.latencyMs?.p50),
    latency(t.latencyMs?.p95),
    latency(t.latencyMs?.p99),
  ];
}

function taskSection(report: WeeklyReport, m: MonitorWeek): string {
  if (m.tasks.week.outcomes.started === 0 && Object.keys(m.tasks.byTask).length === 0) {
    return '<h3>Task completion and latency</h3><p class="note">No task started this week.</p>';
  }
  const sla = m.taskSla
    ? `A task is good when it completes within ${duration(m.taskSla.slaMs)} of its start; with no outcome ${duration(m.taskSla.timeoutMs)} after its start it timed out.`
    : '';
  const rows = Object.entries(m.tasks.byTask).map(([name, s]) => taskRow(name, s.week));
  return (
    '<h3>Task completion and latency</h3>' +
    `<p class="note">${sla} Tasks are counted on the day they started; latency is of completed tasks.</p>` +
    table(
      [
        'task',
        'started',
        'within SLA',
        'late',
        'failed',
        'handed off',
        'timed out',
        'pending',
        'completion',
        'p50',
        'p95',
        'p99',
      ],
      rows,
      taskRow('all tasks', m.tasks.week),
    ) +
    pair(
      chart(completionChart(report, m), 'No decided task this week.'),
      chart(latencyChart(report, m), 'No completed task this week: no latency.'),
    )
  );
}

function driftSection(report: WeeklyReport, m: MonitorWeek): string {
  const d = m.drift;
  if (d.basis === 'none')
    return '<h3>Drift</h3><p class="note">No drift test is configured for this monitor.</p>';
  const basis =
    d.basis === 'alerts'
      ? 'Incidents are the drift alerts of the evaluator’s alert history.'
      : `Incidents are runs of drift checks of the ${h(d.window ?? '')} window against the baseline, every ${h(d.checkEvery ?? '')} over the week (${d.checks} checks).`;
  const insufficient = Object.entries(d.insufficientChecks);
  const insufficientNote =
    insufficient.length === 0
      ? ''
      : ` Too little data for a verdict: ${insufficient.map(([f, n]) => `${h(f)} (${n} of ${d.checks} checks)`).join(', ')}.`;
  const rows = d.incidents.map((i) => [
    h(i.feature),
    h(i.method ?? '—'),
    i.statistic === null ? '—' : i.statistic.toPrecision(3),
    i.threshold === null ? '—' : String(i.threshold),
    dateTime(i.from),
    i.ongoing ? `${dateTime(i.to)} (still drifted)` : dateTime(i.to),
    duration(i.durationMs),
  ]);
  return (
    '<h3>Drift incidents</h3>' +
    `<p class="note">Tested: ${d.features.map(h).join(', ')}. ${basis}${insufficientNote}</p>` +
    (rows.length === 0
      ? '<p>No drift incident this week.</p>'
      : table(['feature', 'method', 'statistic (peak)', 'threshold', 'from', 'to', 'duration'], rows)) +
    (driftTimeline(report, m) ?? '')
  );
}

function alertSection(m: MonitorWeek): string {
  const a = m.alerts;
  if (!a.available) return `<h3>Alerts</h3><p class="note">${h(a.note ?? 'No alert history.')}</p>`;
  const rows = a.episodes.map((e) => [
    h(e.kind),
    h(e.subject),
    h(e.severity),
    dateTime(e.firedAt),
    e.ongoing ? 'still firing' : dateTime(e.resolvedAt),
    duration(e.durationMs),
  ]);
  return (
    '<h3>Alerts</h3>' +
    `<p>${a.fired} fired and ${a.resolved} resolved this week; median time to resolve ${duration(a.medianTimeToResolveMs)}.</p>` +
    (rows.length === 0
      ? '<p>No alert was firing this week.</p>'
      : table(['kind', 'subject', 'severity', 'fired', 'resolved', 'duration'], rows))
  );
}

function confidenceSection(m: MonitorWeek): string {
  const c = m.confidence;
  if (c === null) return '';
  const title = '<h3>Confidence threshold trade-off</h3>';
  if (!c.available || c.rows.length === 0) return `${title}<p class="note">${h(c.note ?? 'No data.')}</p>`;
  const current = c.rows[0];
  let best = current;
  for (const r of c.rows) if (best === undefined || r.f1 > best.f1) best = r;
  const shown = c.rows.filter((r, i) => i % 2 === 0 || r === best);
  const rows = shown.map((r) => [
    `${r.threshold.toFixed(2)}${r === current ? ' (as run)' : ''}${r === best && r !== current ? ' (best F1)' : ''}`,
    count(r.actedOn),
    count(r.tp),
    count(r.fp),
    count(r.fn),
    score(r.precision),
    score(r.recall),
    score(r.f1),
    pointsChange(r.precision === null || current?.precision == null ? null : r.precision - current.precision),
    pointsChange(r.recall === null || current?.recall == null ? null : r.recall - current.recall),
  ]);
  return (
    title +
    `<p class="note">Had a “${h(m.positiveLabel ?? '')}” prediction been acted on only at or above a confidence threshold (and treated as negative below it), over the ${count(c.decisions)} labelled decisions with a confidence this week.</p>` +
    table(
      ['threshold', 'acted on', 'TP', 'FP', 'FN', 'precision', 'recall', 'F1', 'Δ precision', 'Δ recall'],
      rows,
    ) +
    (tradeoffChart(m) ?? '')
  );
}

function monitorSection(report: WeeklyReport, m: MonitorWeek): string {
  return (
    `<section class="monitor" id="m-${h(m.monitor)}"><h2>${h(m.monitor)}</h2>` +
    (m.description ? `<p>${h(m.description)}</p>` : '') +
    sloSection(report, m) +
    qualitySection(report, m) +
    taskSection(report, m) +
    driftSection(report, m) +
    alertSection(m) +
    confidenceSection(m) +
    '</section>'
  );
}

function rejectionSection(report: WeeklyReport): string {
  const r = report.rejections;
  const title = '<h2>Rejected events</h2>';
  if (!r.available) return `${title}<p class="note">${h(r.note ?? '')}</p>`;
  const undated =
    r.undated && r.undated > 0
      ? `<p class="note">${count(r.undated)} of them had no readable time and are counted in every week’s report.</p>`
      : '';
  if (r.total === 0) return `${title}<p>No event was rejected this week.</p>`;
  return (
    title +
    `<p>${count(r.total)} events were rejected.</p>` +
    undated +
    table(
      ['reason', 'events'],
      r.byReason.map((x) => [`<span>${h(x.reason)}</span>`, count(x.count)]),
    )
  );
}

/**
 * The report as a self-contained HTML document (UTF-8). Pure; O(size of the report).
 *
 * @example renderReportHtml(buildWeeklyReport(config, parseIsoWeek('2026-W47'), source)).startsWith('<!DOCTYPE html>')
 */
export function renderReportHtml(report: WeeklyReport): string {
  const first = report.days[0] ?? report.from.slice(0, 10);
  const last = report.days[report.days.length - 1] ?? report.to.slice(0, 10);
  const period = `Monday ${h(first)} to Sunday ${h(last)} (UTC)`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>driftwatch weekly report ${h(report.week)}</title>`,
    `<style>${CSS}</style></head><body><main>`,
    `<h1>driftwatch weekly governance report — ${h(report.week)}</h1>`,
    `<p class="meta">${period} · data as of ${dateTime(report.asOf)} UTC · source: ${h(report.source)}</p>`,
    '<h2>Overview</h2>',
    overview(report),
    ...report.monitors.map((m) => monitorSection(report, m)),
    rejectionSection(report),
    '<h2>How to read this report</h2>',
    '<p class="note">SLO attainment is the SLI over the week against the objective. The error budget is what the objective allows to go wrong over the SLO’s rolling period; the burn-down shows it at each midnight. Precision, recall and F1 count decisions made that day whose ground truth has arrived. Completion is the share of decided tasks completed within their SLA; pending tasks are left out. Drift compares each day’s inputs with the baseline. Charts draw objectives and thresholds as dash-dot reference lines; series differ by dash pattern and marker, bars by fill pattern.</p>',
    '</main></body></html>',
    '',
  ].join('\n');
}
