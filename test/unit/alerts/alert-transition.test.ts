import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidAlertInputError } from '../../../functions/domain/alerts/alert-errors.ts';
import {
  DRIFT_TRANSITIONS,
  SLO_TRANSITIONS,
  type TransitionRules,
} from '../../../functions/domain/alerts/alert-policy.ts';
import {
  type AlertCondition,
  type AlertState,
  nextAlertState,
} from '../../../functions/domain/alerts/alert-transition.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SLO: TransitionRules = { ...SLO_TRANSITIONS, renotifyIntervalMs: 4 * HOUR };
const DRIFT: TransitionRules = { ...DRIFT_TRANSITIONS, renotifyIntervalMs: 4 * HOUR };
const T = Date.UTC(2026, 10, 20, 10, 0);

/** Runs a sequence of conditions at the given times; returns every notification and the last state. */
function replay(rules: TransitionRules, steps: readonly (readonly [number, AlertCondition])[]) {
  let state: AlertState | undefined;
  const notices: string[] = [];
  for (const [at, condition] of steps) {
    const t = nextAlertState(state, condition, at, rules);
    state = t.state;
    if (t.notify) notices.push(`${t.notify.kind}#${t.notify.sequence}@${(at - T) / MINUTE}`);
  }
  return { notices, state };
}

const firingState: AlertState = {
  status: 'firing',
  updatedAt: T,
  firingSince: T,
  lastNotifiedAt: T,
  notifications: 1,
};

describe('Function: nextAlertState', () => {
  test.each([
    ['A new alert that fires opens and notifies', undefined, 'firing', 'firing', 'firing'],
    ['A new alert that is clear stays ok silently', undefined, 'clear', 'ok', null],
    ['Unknown never opens an alert', undefined, 'unknown', 'ok', null],
    ['A suppressed ticket does not open', undefined, 'suppressed', 'ok', null],
    ['A firing alert that clears resolves and notifies', firingState, 'clear', 'resolved', 'resolved'],
    [
      'A firing alert that keeps firing stays silent before the re-notify interval',
      firingState,
      'firing',
      'firing',
      null,
    ],
    ['Unknown never closes a firing alert', firingState, 'unknown', 'firing', null],
    ['A suppressed ticket stays firing silently', firingState, 'suppressed', 'firing', null],
  ] as const)('%s.', (_name, previous, condition, status, notify) => {
    // Act
    const t = nextAlertState(previous, condition, T + MINUTE, SLO);

    // Assess
    expect(t.state.status).toBe(status);
    expect(t.notify?.kind ?? null).toBe(notify);
  });

  test('A firing alert is sent again once the re-notify interval has passed, and then only after another.', () => {
    // Act
    const { notices } = replay(SLO, [
      [T, 'firing'],
      [T + 3 * HOUR, 'firing'],
      [T + 4 * HOUR, 'firing'],
      [T + 7 * HOUR, 'unknown'],
      [T + 8 * HOUR, 'firing'],
      [T + 9 * HOUR, 'clear'],
    ]);

    // Assess
    expect(notices).toEqual(['firing#1@0', 'renotify#2@240', 'renotify#3@480', 'resolved#4@540']);
  });

  test('A resolved alert becomes ok on the next clear evaluation, and a new firing opens a new incident.', () => {
    // Act
    const { notices, state } = replay(SLO, [
      [T, 'firing'],
      [T + MINUTE, 'clear'],
      [T + 2 * MINUTE, 'clear'],
      [T + 3 * MINUTE, 'firing'],
    ]);

    // Assess
    expect(notices).toEqual(['firing#1@0', 'resolved#2@1', 'firing#1@3']);
    expect(state).toMatchObject({ status: 'firing', firingSince: T + 3 * MINUTE, notifications: 1 });
  });

  test('A drift alert opens on the second consecutive drifted evaluation; unknown in between neither confirms nor breaks the streak.', () => {
    // Act
    const broken = replay(DRIFT, [
      [T, 'firing'],
      [T + HOUR, 'clear'],
      [T + 2 * HOUR, 'firing'],
    ]);
    const held = replay(DRIFT, [
      [T, 'firing'],
      [T + HOUR, 'unknown'],
      [T + 2 * HOUR, 'firing'],
    ]);

    // Assess
    expect(broken.notices).toEqual([]);
    expect(held.notices).toEqual(['firing#1@120']);
  });

  test('A drift alert resolves only after two clear evaluations spanning an hour; a drifted one in between restarts the count.', () => {
    // Act
    const { notices } = replay(DRIFT, [
      [T, 'firing'],
      [T + MINUTE, 'firing'],
      [T + 2 * MINUTE, 'clear'],
      [T + 3 * MINUTE, 'clear'],
      [T + 30 * MINUTE, 'firing'],
      [T + 31 * MINUTE, 'clear'],
      [T + 60 * MINUTE, 'clear'],
      [T + 91 * MINUTE, 'clear'],
    ]);

    // Assess: the first streak (2–3 m) is broken at 30 m; the second starts at 31 m and resolves at 91 m.
    expect(notices).toEqual(['firing#1@1', 'resolved#2@91']);
  });

  test('An evaluation at or before the last change (a late or repeated run) changes nothing.', () => {
    // Prepare
    const opened = nextAlertState(undefined, 'firing', T, SLO);

    // Act
    const repeated = nextAlertState(opened.state, 'firing', T, SLO);
    const late = nextAlertState(opened.state, 'clear', T - MINUTE, SLO);

    // Assess
    expect(repeated).toEqual({ state: opened.state, changed: false, notify: null });
    expect(late).toEqual({ state: opened.state, changed: false, notify: null });
  });

  test('A state that only waits for the hysteresis time is not rewritten.', () => {
    // Prepare
    const { state } = replay(DRIFT, [
      [T, 'firing'],
      [T + MINUTE, 'firing'],
      [T + 2 * MINUTE, 'clear'],
      [T + 3 * MINUTE, 'clear'],
    ]);

    // Act
    const t = nextAlertState(state, 'clear', T + 4 * MINUTE, DRIFT);

    // Assess
    expect(t.changed).toBe(false);
    expect(t.notify).toBeNull();
  });

  test('It throws for a non-finite time or rules below one evaluation.', () => {
    // Act + Assess
    expect(() => nextAlertState(undefined, 'firing', Number.NaN, SLO)).toThrow(InvalidAlertInputError);
    expect(() => nextAlertState(undefined, 'firing', T, { ...SLO, openAfterEvaluations: 0 })).toThrow(
      InvalidAlertInputError,
    );
    expect(() => nextAlertState(undefined, 'firing', T, { ...SLO, renotifyIntervalMs: -1 })).toThrow(
      InvalidAlertInputError,
    );
  });

  test('Over any sequence of evaluations an incident notifies firing once, re-notifies only while open, and resolves once after firing.', () => {
    const condition = fc.constantFrom<AlertCondition>('firing', 'clear', 'unknown', 'suppressed');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(condition, fc.integer({ min: 0, max: 3 * HOUR })), { maxLength: 60 }),
        fc.constantFrom(SLO, DRIFT),
        (steps, rules) => {
          // Prepare
          let at = T;
          const timed = steps.map(([c, gap]) => {
            at += gap;
            return [at, c] as const;
          });

          // Act
          let state: AlertState | undefined;
          let open = false;
          let sequence = 0;
          for (const [time, c] of timed) {
            const t = nextAlertState(state, c, time, rules);
            state = t.state;
            if (!t.notify) continue;

            // Assess: firing only when closed, renotify/resolved only when open; sequence counts up.
            if (t.notify.kind === 'firing') {
              expect(open).toBe(false);
              expect(t.notify.sequence).toBe(1);
              open = true;
            } else {
              expect(open).toBe(true);
              expect(t.notify.sequence).toBe(sequence + 1);
              if (t.notify.kind === 'resolved') open = false;
            }
            sequence = t.notify.sequence;
          }
          expect(state === undefined || (state.status === 'firing') === open).toBe(true);
        },
      ),
    );
  });
});
