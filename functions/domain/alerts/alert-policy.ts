import type { Monitor } from '../config/config-types.ts';
import type { AlertSeverity } from '../slo/burn-rate-windows.ts';
import type { AlertKind } from './alert-key.ts';

/**
 * How an alert of one kind moves between ok and firing (see alert-transition.ts). Confirmation and hysteresis
 * are counted in evaluations because the evaluator runs on a schedule; the time guard keeps the meaning when
 * the interval changes.
 */
export interface TransitionRules {
  /** Consecutive firing evaluations needed to open an alert. */
  readonly openAfterEvaluations: number;
  /** Consecutive clear evaluations needed to resolve a firing alert. */
  readonly resolveAfterEvaluations: number;
  /** …spanning at least this long (first to last clear evaluation). */
  readonly resolveAfterMs: number;
  /** A firing alert is sent again this long after its last notification. */
  readonly renotifyIntervalMs: number;
}

/**
 * SLO alerts open on the first evaluation where a burn-rate rule fires and resolve on the first where none
 * does: the multiwindow rule already is the confirmation (the long window) and the hysteresis (the short
 * window stops the alert minutes after the errors stop, SRE Workbook ch. 5, approach 6). Adding more would
 * only delay the page the Workbook's parameters were chosen for.
 */
export const SLO_TRANSITIONS = {
  openAfterEvaluations: 1,
  resolveAfterEvaluations: 1,
  resolveAfterMs: 0,
} as const;

/**
 * Drift alerts need confirmation and hysteresis of their own: a drift statistic near its threshold crosses
 * it back and forth from one minute to the next as the 1-day window slides (a Schmitt trigger's problem).
 * A feature must be drifted in 2 consecutive evaluations to open the alert, and not drifted in at least 2
 * consecutive evaluations spanning an hour to resolve it — an hour moves a 1-day window by 1/24, enough
 * for a real recovery to show and too little to keep a resolved incident open for long. An evaluation
 * without enough data (insufficient_data) neither confirms nor breaks a streak.
 */
export const DRIFT_TRANSITIONS = {
  openAfterEvaluations: 2,
  resolveAfterEvaluations: 2,
  resolveAfterMs: 60 * 60_000,
} as const;

/**
 * A "no data" alert opens on the first silent evaluation (the silence window is itself 30 minutes, see
 * no-data.ts) and resolves as soon as events arrive again.
 */
export const NO_DATA_TRANSITIONS = {
  openAfterEvaluations: 1,
  resolveAfterEvaluations: 1,
  resolveAfterMs: 0,
} as const;

/** Drift is a ticket: a moved input distribution is worth a look next working day, not a wake-up. */
export const DRIFT_SEVERITY: AlertSeverity = 'ticket';

/**
 * Silence is a ticket too: the SLOs page when tasks fail, and an agent that stops sending events may have been
 * switched off on purpose. Silence of a monitor whose SLOs matter shows up as insufficient data there.
 */
export const NO_DATA_SEVERITY: AlertSeverity = 'ticket';

/**
 * The transition rules of an alert kind for a monitor (its re-notify interval).
 *
 * Complexity: O(1).
 * @example transitionRulesFor(monitor, 'drift').openAfterEvaluations // 2
 */
export function transitionRulesFor(monitor: Monitor, kind: AlertKind): TransitionRules {
  const base = kind === 'slo' ? SLO_TRANSITIONS : kind === 'drift' ? DRIFT_TRANSITIONS : NO_DATA_TRANSITIONS;
  return { ...base, renotifyIntervalMs: monitor.alerts.renotifyIntervalMs };
}
