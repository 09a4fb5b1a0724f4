import { InvalidAlertInputError } from './alert-errors.ts';
import type { TransitionRules } from './alert-policy.ts';

/**
 * ok: nothing to report (never fired, or resolved and seen clear again). firing: an open incident.
 * resolved: the incident just ended; the next clear evaluation makes it ok again, a firing one opens a new
 * incident.
 */
export type AlertStatus = 'ok' | 'firing' | 'resolved';

/**
 * What one evaluation says about an alert's subject:
 * - firing: the condition holds (a burn-rate rule of this severity fires, the feature drifted, silence);
 * - clear: it does not, with enough data to say so;
 * - unknown: not enough data (insufficient_data) — it can neither open nor close an alert;
 * - suppressed: a page of the same SLO is firing, so this ticket neither opens nor re-notifies.
 */
export type AlertCondition = 'firing' | 'clear' | 'unknown' | 'suppressed';

/** Consecutive evaluations towards opening or resolving, while a confirmation or hysteresis is pending. */
export interface AlertStreak {
  readonly direction: 'open' | 'resolve';
  readonly count: number;
  /** Evaluation time of the first evaluation of the streak (epoch ms). */
  readonly since: number;
}

export interface AlertState {
  readonly status: AlertStatus;
  /** Evaluation time (asOf, epoch ms) of the last change; evaluations at or before it change nothing. */
  readonly updatedAt: number;
  /** When the current (or last) incident opened. */
  readonly firingSince?: number;
  /** When the last incident resolved. */
  readonly resolvedAt?: number;
  /** Evaluation time of the incident's last notification. */
  readonly lastNotifiedAt?: number;
  /** Notifications of the current incident: 1 when it opens, +1 per re-notification and for the resolution. */
  readonly notifications: number;
  readonly streak?: AlertStreak;
}

export type NotificationKind = 'firing' | 'renotify' | 'resolved';

export interface AlertNotice {
  readonly kind: NotificationKind;
  /** The notification's number within its incident (see {@link AlertState.notifications}). */
  readonly sequence: number;
}

export interface AlertTransition {
  readonly state: AlertState;
  /** True when the state must be written back (status, streak or notification bookkeeping changed). */
  readonly changed: boolean;
  /** What to send, if anything. */
  readonly notify: AlertNotice | null;
}

function validate(asOf: number, rules: TransitionRules): void {
  if (!Number.isFinite(asOf))
    throw new InvalidAlertInputError(`evaluation time must be finite (got ${asOf})`);
  for (const [name, value] of [
    ['openAfterEvaluations', rules.openAfterEvaluations],
    ['resolveAfterEvaluations', rules.resolveAfterEvaluations],
  ] as const) {
    if (!(Number.isInteger(value) && value >= 1)) {
      throw new InvalidAlertInputError(`${name} must be a whole number ≥ 1 (got ${value})`);
    }
  }
  for (const [name, value] of [
    ['resolveAfterMs', rules.resolveAfterMs],
    ['renotifyIntervalMs', rules.renotifyIntervalMs],
  ] as const) {
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new InvalidAlertInputError(`${name} must be a finite duration ≥ 0 (got ${value})`);
    }
  }
}

function withoutStreak(state: AlertState): AlertState {
  if (state.streak === undefined) return state;
  const { streak: _dropped, ...rest } = state;
  return rest;
}

/**
 * One step of an alert's state machine, ok → firing → resolved (→ ok), for one evaluation at `asOf`
 * (Prometheus Alertmanager's model of notifying on transitions and re-notifying at `repeat_interval`, with
 * the confirmation and hysteresis counts of {@link TransitionRules}):
 * - not firing + firing condition for `openAfterEvaluations` consecutive evaluations → firing, notify;
 * - firing + clear for `resolveAfterEvaluations` consecutive evaluations spanning `resolveAfterMs` → resolved,
 *   notify; resolved + clear → ok, silently;
 * - firing + firing or unknown → stays firing; re-notify once `renotifyIntervalMs` has passed since the last
 *   notification; firing + suppressed → stays firing, silently;
 * - unknown and suppressed never open or close an alert and leave a pending streak as it is.
 * An evaluation at or before the state's last change (a late or repeated run) changes nothing, so replaying a
 * run cannot notify twice. Pure; deterministic in `asOf`.
 *
 * Complexity: O(1).
 * @throws {InvalidAlertInputError} for a non-finite `asOf` or invalid rules.
 * @example
 * nextAlertState(undefined, 'firing', t, { openAfterEvaluations: 1, resolveAfterEvaluations: 1,
 *   resolveAfterMs: 0, renotifyIntervalMs: 4 * 3_600_000 }).notify // { kind: 'firing', sequence: 1 }
 */
export function nextAlertState(
  previous: AlertState | undefined,
  condition: AlertCondition,
  asOf: number,
  rules: TransitionRules,
): AlertTransition {
  validate(asOf, rules);
  if (previous !== undefined && asOf <= previous.updatedAt) {
    return { state: previous, changed: false, notify: null };
  }
  const state: AlertState = previous ?? { status: 'ok', updatedAt: asOf, notifications: 0 };
  const unchanged: AlertTransition = { state, changed: false, notify: null };
  const change = (next: AlertState, notify: AlertNotice | null = null): AlertTransition => ({
    state: { ...next, updatedAt: asOf },
    changed: true,
    notify,
  });

  if (state.status !== 'firing') {
    if (condition === 'firing') {
      const continuing = state.streak?.direction === 'open';
      const count = (continuing ? (state.streak?.count ?? 0) : 0) + 1;
      if (count >= rules.openAfterEvaluations) {
        return change(
          { status: 'firing', updatedAt: asOf, firingSince: asOf, lastNotifiedAt: asOf, notifications: 1 },
          { kind: 'firing', sequence: 1 },
        );
      }
      const since = continuing ? (state.streak?.since ?? asOf) : asOf;
      return change({ ...state, streak: { direction: 'open', count, since } });
    }
    if (condition === 'clear') {
      if (state.status === 'resolved') return change({ ...withoutStreak(state), status: 'ok' });
      if (state.streak !== undefined) return change(withoutStreak(state));
    }
    return unchanged;
  }

  switch (condition) {
    case 'suppressed':
      return unchanged;
    case 'firing':
    case 'unknown': {
      // Firing again breaks a resolve streak; unknown leaves it as it is.
      let next = condition === 'firing' ? withoutStreak(state) : state;
      let notify: AlertNotice | null = null;
      const last = state.lastNotifiedAt ?? state.firingSince ?? state.updatedAt;
      if (asOf - last >= rules.renotifyIntervalMs) {
        notify = { kind: 'renotify', sequence: state.notifications + 1 };
        next = { ...next, lastNotifiedAt: asOf, notifications: notify.sequence };
      }
      return next === state ? unchanged : change(next, notify);
    }
    case 'clear': {
      const continuing = state.streak?.direction === 'resolve';
      const count = (continuing ? (state.streak?.count ?? 0) : 0) + 1;
      const since = continuing ? (state.streak?.since ?? asOf) : asOf;
      if (count >= rules.resolveAfterEvaluations && asOf - since >= rules.resolveAfterMs) {
        const sequence = state.notifications + 1;
        return change(
          {
            status: 'resolved',
            updatedAt: asOf,
            ...(state.firingSince === undefined ? {} : { firingSince: state.firingSince }),
            resolvedAt: asOf,
            lastNotifiedAt: asOf,
            notifications: sequence,
          },
          { kind: 'resolved', sequence },
        );
      }
      // Enough clear evaluations already: only the time guard is pending, nothing to write.
      if (continuing && (state.streak?.count ?? 0) >= rules.resolveAfterEvaluations) return unchanged;
      return change({ ...state, streak: { direction: 'resolve', count, since } });
    }
  }
}
