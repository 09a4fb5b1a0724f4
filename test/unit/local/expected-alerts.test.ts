import { describe, expect, test } from 'vitest';
import type { ExpectedAlert } from '../../../functions/demo/demo-scenario.ts';
import { checkAlerts } from '../../../functions/demo/expected-alerts.ts';
import type { ReceivedAlert } from '../../../functions/local/alert-printer.ts';

const T = Date.UTC(2026, 10, 19, 14);
const MIN = 60_000;
const iso = (t: number) => new Date(t).toISOString();

const PAGE: ExpectedAlert = {
  monitor: 'code-review-agent',
  kind: 'slo',
  subject: 'review-completion',
  severity: 'page',
  firesWithin: { from: T, to: T + 45 * MIN },
  resolvesWithin: { from: T + 90 * MIN, to: T + 180 * MIN },
  story: 'outage',
};
const OPEN_DRIFT: ExpectedAlert = {
  monitor: 'fraud-screening',
  kind: 'drift',
  subject: 'amount',
  severity: 'ticket',
  firesWithin: { from: T, to: T + 600 * MIN },
  resolvesWithin: null,
  story: 'drift',
};

function alert(
  e: ExpectedAlert,
  state: 'firing' | 'resolved',
  at: number,
  renotification = false,
): ReceivedAlert {
  return {
    notificationId: `${e.subject}-${at}`,
    monitor: e.monitor,
    kind: e.kind,
    subject: e.subject,
    severity: e.severity,
    state,
    renotification,
    evaluatedAt: iso(at),
    summary: '',
    title: '',
  };
}

describe('Function: checkAlerts', () => {
  test('alerts that fire and resolve once inside their windows, with a re-notification while open, pass', () => {
    // Prepare
    const received = [
      alert(PAGE, 'firing', T + 30 * MIN),
      alert(OPEN_DRIFT, 'firing', T + 60 * MIN),
      alert(PAGE, 'firing', T + 60 * MIN, true),
      alert(PAGE, 'resolved', T + 120 * MIN),
    ];

    // Act
    const check = checkAlerts([PAGE, OPEN_DRIFT], received);

    // Assess
    expect(check).toEqual({ ok: true, problems: [] });
  });

  test.each([
    [
      'an alert nobody expected',
      [
        alert(PAGE, 'firing', T + 30 * MIN),
        alert(PAGE, 'resolved', T + 120 * MIN),
        alert({ ...PAGE, severity: 'ticket' }, 'firing', T),
      ],
      /unexpected alert code-review-agent\/slo\/review-completion\/ticket firing/,
    ],
    ['a missing alert', [alert(PAGE, 'resolved', T + 120 * MIN)], /fired 0 times/],
    [
      'an alert fired twice (a flap)',
      [
        alert(PAGE, 'firing', T + 10 * MIN),
        alert(PAGE, 'resolved', T + 20 * MIN),
        alert(PAGE, 'firing', T + 30 * MIN),
        alert(PAGE, 'resolved', T + 120 * MIN),
      ],
      /fired 2 times/,
    ],
    [
      'an alert fired too late',
      [alert(PAGE, 'firing', T + 45 * MIN), alert(PAGE, 'resolved', T + 120 * MIN)],
      /fired at .* expected in/,
    ],
    ['an alert that never resolves', [alert(PAGE, 'firing', T + 30 * MIN)], /resolved 0 times/],
    [
      'an alert resolved too early',
      [alert(PAGE, 'firing', T + 30 * MIN), alert(PAGE, 'resolved', T + 89 * MIN)],
      /resolved at .* expected in/,
    ],
    [
      'a re-notification after the resolution',
      [
        alert(PAGE, 'firing', T + 30 * MIN),
        alert(PAGE, 'resolved', T + 120 * MIN),
        alert(PAGE, 'firing', T + 150 * MIN, true),
      ],
      /re-notified at .* outside its incident/,
    ],
  ])('%s is a problem', (_name, received, problem) => {
    // Act
    const check = checkAlerts([PAGE], received);

    // Assess
    expect(check.ok).toBe(false);
    expect(check.problems.join('\n')).toMatch(problem);
  });

  test('an alert expected to stay open must not resolve', () => {
    // Act
    const check = checkAlerts(
      [OPEN_DRIFT],
      [alert(OPEN_DRIFT, 'firing', T), alert(OPEN_DRIFT, 'resolved', T + MIN)],
    );

    // Assess
    expect(check.problems).toEqual([
      'fraud-screening/drift/amount/ticket resolved 1 times (expected to stay open)',
    ]);
  });
});
