import type { MonitorEvaluation, SloEvaluation, WindowMeasures } from '../evaluation/evaluation-types.ts';
import type { AlertSeverity } from '../slo/burn-rate-windows.ts';
import { type AlertKey, alertId, NO_DATA_SUBJECT } from './alert-key.ts';
import { DRIFT_SEVERITY, NO_DATA_SEVERITY } from './alert-policy.ts';
import type { AlertCondition } from './alert-transition.ts';

/** One alert's condition in one evaluation. */
export interface AlertSignal {
  readonly key: AlertKey;
  readonly condition: AlertCondition;
}

function sloConditions(slo: SloEvaluation): Map<AlertSeverity, AlertCondition> {
  const out = new Map<AlertSeverity, AlertCondition>();
  const pageFiring = slo.burnRates.some((r) => r.severity === 'page' && r.status === 'firing');
  for (const severity of ['page', 'ticket'] as const) {
    const rules = slo.burnRates.filter((r) => r.severity === severity);
    if (rules.length === 0) continue;
    let condition: AlertCondition;
    if (severity === 'ticket' && pageFiring) condition = 'suppressed';
    else if (rules.some((r) => r.status === 'firing')) condition = 'firing';
    else if (rules.every((r) => r.status === 'insufficient_data')) condition = 'unknown';
    else condition = 'clear';
    out.set(severity, condition);
  }
  return out;
}

/**
 * The alerts one evaluation speaks about and their conditions:
 * - per SLO and severity of its burn-rate rules: firing when any rule of that severity fires; unknown when
 *   every such rule lacks data (a low-traffic window never pages, SRE Workbook ch. 5, "Low-traffic services");
 *   clear otherwise. A firing page suppresses the ticket of the same SLO (the Workbook's "alert suppression":
 *   a fast burn also trips the slow rules, and one notification is enough);
 * - per drift-tested feature (and the prediction and confidence): firing when drifted, unknown with
 *   insufficient data, clear otherwise — at {@link DRIFT_SEVERITY};
 * - the monitor's "no data" alert, when the caller evaluated the rule (see no-data.ts).
 * Pure; in configuration order.
 *
 * Complexity: O(SLOs × rules + features).
 * @example alertSignals(evaluation, 'clear').map((s) => s.condition) // ['firing', 'suppressed', 'clear', …]
 */
export function alertSignals(
  evaluation: MonitorEvaluation<WindowMeasures>,
  noData: AlertCondition | null,
): AlertSignal[] {
  const monitor = evaluation.monitor;
  const out: AlertSignal[] = [];
  for (const slo of evaluation.slos) {
    for (const [severity, condition] of sloConditions(slo)) {
      out.push({ key: { monitor, kind: 'slo', subject: slo.name, severity }, condition });
    }
  }
  for (const feature of evaluation.drift?.features ?? []) {
    const condition: AlertCondition =
      feature.status === 'drifted' ? 'firing' : feature.status === 'ok' ? 'clear' : 'unknown';
    out.push({
      key: { monitor, kind: 'drift', subject: feature.feature, severity: DRIFT_SEVERITY },
      condition,
    });
  }
  if (noData !== null) {
    out.push({
      key: { monitor, kind: 'nodata', subject: NO_DATA_SUBJECT, severity: NO_DATA_SEVERITY },
      condition: noData,
    });
  }
  return out;
}

/**
 * The signals plus a clear signal for every stored alert the evaluation no longer speaks about (its SLO or
 * feature was removed from the configuration), so an alert left firing by an old configuration resolves
 * instead of re-notifying forever.
 *
 * Complexity: O(signals + stored).
 * @example withRetiredAlerts([], [{ monitor: 'm', kind: 'slo', subject: 'gone', severity: 'page' }])[0]?.condition // 'clear'
 */
export function withRetiredAlerts(
  signals: readonly AlertSignal[],
  stored: readonly AlertKey[],
): AlertSignal[] {
  const seen = new Set(signals.map((s) => alertId(s.key)));
  const out = [...signals];
  for (const key of stored) if (!seen.has(alertId(key))) out.push({ key, condition: 'clear' });
  return out;
}
