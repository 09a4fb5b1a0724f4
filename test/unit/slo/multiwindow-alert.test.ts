import { describe, expect, test } from 'vitest';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import type { BurnRateRule } from '../../../functions/domain/slo/burn-rate-windows.ts';
import { WORKBOOK_BURN_RATE_RULES } from '../../../functions/domain/slo/burn-rate-windows.ts';
import {
  canEverFire,
  evaluateMultiwindowAlert,
  maxAchievableBurnRate,
} from '../../../functions/domain/slo/multiwindow-alert.ts';
import { reference } from './reference.ts';

function workbookRule(index: number): BurnRateRule {
  const rule = WORKBOOK_BURN_RATE_RULES[index];
  if (rule === undefined) throw new Error(`the Workbook table has no row ${index}`);
  return rule;
}
const PAGE = workbookRule(0); // 14.4× over 1 h / 5 m
const TICKET = workbookRule(3); // 1× over 3 d / 6 h
const counts = (bad: number, total: number) => ({ good: total - bad, total });

describe('Function: evaluateMultiwindowAlert', () => {
  test('It replays the Workbook example of 15% errors for 10 minutes minute by minute (approach 6).', () => {
    // Prepare
    const replay = reference.multiwindowReplay;

    // Act
    const firing = replay.evaluations.map(
      (e) =>
        evaluateMultiwindowAlert({
          objective: replay.objective,
          minEvents: 100,
          windows: [{ rule: PAGE, long: e.long, short: e.short }],
        }).pageFiring,
    );
    const firingMinutes = replay.evaluations.filter((_, i) => firing[i]).map((e) => e.minute);

    // Assess
    expect(firing).toEqual(replay.evaluations.map((e) => e.multiwindowFiring));
    // "the long window average goes over the threshold after 5 minutes, at which point the alert starts firing"
    expect(firingMinutes[0]).toBe(replay.firstFiringMinute);
    expect(replay.firstFiringMinute).toBe(5);
    // "The short window average drops below the threshold 5 minutes after the errors stop"
    expect(replay.lastFiringMinute + 1 - replay.errorsStopAfterMinute).toBe(5);
    expect(firingMinutes.at(-1)).toBe(replay.lastFiringMinute);
    // The long window alone would have kept firing for 54 more minutes (the Workbook rounds to "60 minutes").
    expect(replay.longOnlyLastFiringMinute + 1 - replay.errorsStopAfterMinute).toBe(55);
  });

  test.each([
    ['144 bad of 10,000 in both windows (burn exactly 14.4)', counts(144, 10_000), counts(144, 10_000), 'ok'],
    ['145 bad of 10,000 in both windows', counts(145, 10_000), counts(145, 10_000), 'firing'],
    [
      'a long window over the threshold and a short one under it',
      counts(500, 10_000),
      counts(5, 1_000),
      'ok',
    ],
    [
      'a short window over the threshold and a long one under it',
      counts(50, 10_000),
      counts(500, 1_000),
      'ok',
    ],
    ['a burning long window and an empty short window', counts(500, 10_000), counts(0, 0), 'ok'],
    [
      'a long window of 99 events, under the 100-event minimum, all bad',
      counts(99, 99),
      counts(10, 10),
      'insufficient_data',
    ],
    ['an empty long window', counts(0, 0), counts(0, 0), 'insufficient_data'],
  ])('It reports %s as %s.', (_name, long, short, expected) => {
    // Prepare
    const input = { objective: 0.999, minEvents: 100, windows: [{ rule: PAGE, long, short }] };

    // Act
    const decision = evaluateMultiwindowAlert(input);

    // Assess
    expect(decision.rules[0]?.status).toBe(expected);
    expect(decision.pageFiring).toBe(expected === 'firing');
  });

  test('It reports the burn rates of both windows, and null for a window without events.', () => {
    // Prepare
    const input = {
      objective: 0.999,
      minEvents: 0,
      windows: [{ rule: PAGE, long: counts(144, 10_000), short: counts(0, 0) }],
    };

    // Act
    const decision = evaluateMultiwindowAlert(input);

    // Assess
    expect(decision.rules[0]).toMatchObject({ longBurnRate: 14.4, shortBurnRate: null, status: 'ok' });
  });

  test('It fires a timeslice SLO only when the events behind the slices reach the minimum.', () => {
    // Prepare: one bad hourly slice out of one, computed from 30 events.
    const window = { rule: PAGE, long: counts(1, 1), short: counts(1, 1) };

    // Act
    const tooFew = evaluateMultiwindowAlert({
      objective: 0.95,
      minEvents: 50,
      windows: [{ ...window, longWindowEvents: 30 }],
    });
    const enough = evaluateMultiwindowAlert({
      objective: 0.95,
      minEvents: 50,
      windows: [{ ...window, longWindowEvents: 80 }],
    });

    // Assess
    expect(tooFew.rules[0]?.status).toBe('insufficient_data');
    expect(enough.rules[0]?.status).toBe('firing');
  });

  test('It names the page as the highest severity and says a ticket fires with it, leaving suppression to the caller.', () => {
    // Prepare: a full outage long enough to trip every Workbook rule.
    const outage = counts(100_000, 100_000);
    const windows = WORKBOOK_BURN_RATE_RULES.map((rule) => ({ rule, long: outage, short: outage }));

    // Act
    const decision = evaluateMultiwindowAlert({ objective: 0.999, minEvents: 100, windows });

    // Assess
    expect(decision.rules.map((r) => r.status)).toEqual(['firing', 'firing', 'firing', 'firing']);
    expect(decision).toMatchObject({
      highestSeverity: 'page',
      pageFiring: true,
      ticketFiring: true,
      ticketSuppressedByPage: true,
    });
  });

  test('It names the ticket as the highest severity when only a ticket rule fires.', () => {
    // Prepare: 0.2% errors burn at 2×: above the 1× ticket, far below the pages.
    const slow = counts(20, 10_000);
    const windows = [
      { rule: PAGE, long: slow, short: slow },
      { rule: TICKET, long: slow, short: slow },
    ];

    // Act
    const decision = evaluateMultiwindowAlert({ objective: 0.999, minEvents: 100, windows });

    // Assess
    expect(decision).toMatchObject({
      highestSeverity: 'ticket',
      pageFiring: false,
      ticketFiring: true,
      ticketSuppressedByPage: false,
    });
  });

  test("It returns the caller's own rule objects so extra fields survive.", () => {
    // Prepare
    const rule = { ...PAGE, id: 'support-triage/completion/page-1h' };

    // Act
    const decision = evaluateMultiwindowAlert({
      objective: 0.999,
      minEvents: 1,
      windows: [{ rule, long: counts(0, 10), short: counts(0, 10) }],
    });

    // Assess
    expect(decision.rules[0]?.rule.id).toBe('support-triage/completion/page-1h');
  });

  test.each([
    ['an objective of 1', { objective: 1, minEvents: 0, windows: [] }],
    ['a negative minimum of events', { objective: 0.999, minEvents: -1, windows: [] }],
    [
      'more good events than events',
      {
        objective: 0.999,
        minEvents: 0,
        windows: [{ rule: PAGE, long: { good: 11, total: 10 }, short: counts(0, 10) }],
      },
    ],
  ])('It refuses %s.', (_name, input) => {
    // Prepare / Act / Assess
    expect(() => evaluateMultiwindowAlert(input)).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: maxAchievableBurnRate', () => {
  test.each([
    [0.999, 1_000],
    [0.9, 10],
    [0.99999, 100_000],
    [0.99, 100],
  ])('It finds a full outage at objective %d burns at %d×.', (objective, expected) => {
    // Prepare / Act
    const rate = maxAchievableBurnRate(objective);

    // Assess
    expect(rate).toBe(expected);
  });

  test('It puts the 14.4× boundary at 93.06%: 1 / (1 − 0.9306) ≈ 14.409.', () => {
    // Prepare / Act
    const rate = maxAchievableBurnRate(0.9306);

    // Assess
    expect(rate).toBeCloseTo(14.409, 3);
  });
});

describe('Function: canEverFire', () => {
  test.each([
    [
      '14.4× at 90% cannot fire: a full outage burns at 10× (Workbook, "Extreme availability goals")',
      14.4,
      0.9,
      false,
    ],
    ['14.4× at 93.05% cannot fire: a full outage burns at 14.39×', 14.4, 0.9305, false],
    ['14.4× at 93.06% can fire: a full outage burns at 14.41×', 14.4, 0.9306, true],
    ['10× at 90% cannot fire: it needs an error ratio above 100%', 10, 0.9, false],
    ['6× at 90% can fire', 6, 0.9, true],
    ['1000× at 99.9% cannot fire: it needs an error ratio above 100%', 1_000, 0.999, false],
    ['999.9× at 99.9% can fire', 999.9, 0.999, true],
    ['14.4× at 99.9% can fire', 14.4, 0.999, true],
  ])('It finds that %s.', (_name, factor, objective, expected) => {
    // Prepare / Act
    const possible = canEverFire({ factor }, objective);

    // Assess
    expect(possible).toBe(expected);
  });
});
