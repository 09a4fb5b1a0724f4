import type { MonitorWeek, WeeklyReport } from '../report-types.ts';
import { count, objectiveDecimals, pct, score } from './format.ts';

/** SNS limits a Subject to 100 characters. */
export const MAX_SUBJECT_LENGTH = 100;

function totals(report: WeeklyReport) {
  let met = 0;
  let missed = 0;
  let noData = 0;
  let drift = 0;
  let alerts: number | null = null;
  for (const o of report.overview) {
    met += o.slosMet;
    missed += o.slosMissed;
    noData += o.slosWithoutData;
    drift += o.driftIncidents;
    if (o.alertsFired !== null) alerts = (alerts ?? 0) + o.alertsFired;
  }
  return { met, missed, noData, drift, alerts };
}

/** `amount (2 incidents), country` */
function driftedFeatures(m: MonitorWeek): string {
  const n = new Map<string, number>();
  for (const i of m.drift.incidents) n.set(i.feature, (n.get(i.feature) ?? 0) + 1);
  return [...n].map(([f, k]) => (k === 1 ? f : `${f} (${k} incidents)`)).join(', ');
}

function monitorLine(m: MonitorWeek): string {
  const slos = m.slos.map((s) => {
    const d = s.budgetingMethod === 'timeslices' ? 1 : objectiveDecimals(s.objective);
    const verdict = s.week.met === null ? 'no data' : s.week.met ? 'met' : 'MISSED';
    return `${s.name} ${pct(s.week.ratio, d)} vs ${pct(s.objective, Math.max(0, d - 1))} ${verdict}, budget left ${pct(s.budgetAtWeekEnd?.remaining, 0)}`;
  });
  const parts = [
    ...(slos.length > 0 ? [slos.join('; ')] : ['no SLO']),
    `${count(m.decisions.week)} decisions, F1 ${score(m.quality.week?.f1)}, labelled ${pct(m.coverage.week.coverage, 0)}`,
    ...(m.tasks.week.outcomes.started > 0 ? [`completion ${pct(m.tasks.week.completion.ratio)}`] : []),
    m.drift.basis === 'none'
      ? 'no drift tests'
      : m.drift.incidents.length === 0
        ? 'no drift'
        : `drift: ${driftedFeatures(m)}`,
    m.alerts.available ? `${m.alerts.fired} alerts fired, ${m.alerts.resolved} resolved` : 'alerts n/a',
  ];
  return `- ${m.monitor}: ${parts.join('; ')}`;
}

/**
 * A short plain-text summary of the report: one headline and one line per monitor, for the SNS message, a
 * mail body or a terminal. Pure; O(monitors × SLOs).
 *
 * @example renderSummary(report).split('\n')[0] // 'driftwatch weekly report 2026-W47 (2026-11-16 to 2026-11-22 UTC)'
 */
export function renderSummary(report: WeeklyReport): string {
  const t = totals(report);
  const first = report.days[0] ?? '';
  const last = report.days[report.days.length - 1] ?? '';
  const lines = [
    `driftwatch weekly report ${report.week} (${first} to ${last} UTC)`,
    `${report.monitors.length} monitors; SLOs: ${t.met} met, ${t.missed} missed${t.noData > 0 ? `, ${t.noData} without data` : ''}; ` +
      `${t.drift} drift incidents; alerts fired: ${t.alerts === null ? 'n/a' : t.alerts}`,
    ...report.monitors.map(monitorLine),
  ];
  const r = report.rejections;
  if (r.available) {
    const top = r.byReason[0];
    lines.push(
      r.total === 0
        ? 'Rejected events: none'
        : `Rejected events: ${count(r.total)}${top ? ` (most common: ${top.reason}, ${count(top.count)})` : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The SNS Subject for the report, at most {@link MAX_SUBJECT_LENGTH} characters (cut with an ellipsis).
 * O(monitors).
 *
 * @example reportSubject(report) // 'driftwatch 2026-W47: 2 SLOs missed, 1 drift incident'
 */
export function reportSubject(report: WeeklyReport): string {
  const t = totals(report);
  const parts = [
    t.missed === 0 ? 'no SLO missed' : `${t.missed} SLO${t.missed === 1 ? '' : 's'} missed`,
    `${t.drift} drift incident${t.drift === 1 ? '' : 's'}`,
  ];
  const subject = `driftwatch ${report.week}: ${parts.join(', ')}`;
  return subject.length <= MAX_SUBJECT_LENGTH ? subject : `${subject.slice(0, MAX_SUBJECT_LENGTH - 1)}…`;
}
