import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { AlertKey } from '../../../functions/domain/alerts/alert-key.ts';
import type { AlertState } from '../../../functions/domain/alerts/alert-transition.ts';
import type { Monitor } from '../../../functions/domain/config/config-types.ts';
import { parseConfig } from '../../../functions/domain/config/load-config.ts';
import { type AlertMessageBody, buildAlertMessage } from '../../../functions/notify/alert-message.ts';
import { drift, evaluation, feature, rule, slo } from './fixtures.ts';

const CONFIG = `
version: 1
monitors:
  - name: support-bot
    task: { sla: 5m }
    slos:
      - { name: completion, sli: completion, objective: 0.999, filter: { variant: canary } }
    drift:
      features: [{ name: amount, kind: numeric }]
    alerts:
      runbookUrl: https://runbooks.example.com/support-bot
      dashboardUrl: https://dashboards.example.com/support-bot
`;
const MONITOR: Monitor = (() => {
  const m = parseConfig(CONFIG, 'test.yaml').config.monitors[0];
  if (!m) throw new Error('no monitor');
  return m;
})();
const T = Date.UTC(2026, 10, 20, 10, 7);
const FIRING: AlertState = {
  status: 'firing',
  updatedAt: T,
  firingSince: T,
  lastNotifiedAt: T,
  notifications: 1,
};
const PAGE: AlertKey = { monitor: 'support-bot', kind: 'slo', subject: 'completion', severity: 'page' };
const burning = evaluation({ slos: [slo('completion', [rule('page', 'firing'), rule('ticket', 'ok')])] });
const body = (message: string) => JSON.parse(message) as AlertMessageBody;

describe('Function: buildAlertMessage', () => {
  test('A firing page carries a readable summary and the numbers behind it, with attributes for filter policies.', () => {
    // Act
    const m = buildAlertMessage({
      key: PAGE,
      notice: { kind: 'firing', sequence: 1 },
      state: FIRING,
      monitor: MONITOR,
      evaluation: burning,
    });

    // Assess
    expect(m.subject).toBe('PAGE firing: support-bot/completion burn 20.0x over 1h');
    expect(m.attributes).toEqual({
      monitor: 'support-bot',
      severity: 'page',
      state: 'firing',
      kind: 'slo',
      notificationId: 'support-bot:slo#completion#page:2026-11-20T10:07:00.000Z:1',
    });
    const b = body(m.message);
    expect(b).toMatchObject({
      version: 1,
      notificationId: m.notificationId,
      monitor: 'support-bot',
      kind: 'slo',
      slo: 'completion',
      severity: 'page',
      state: 'firing',
      renotification: false,
      incidentStartedAt: '2026-11-20T10:07:00.000Z',
      evaluatedAt: '2026-11-20T10:07:00.000Z',
      runbook: 'https://runbooks.example.com/support-bot',
      dashboard: 'https://dashboards.example.com/support-bot',
      sloDetail: {
        sli: 'completion',
        objective: 0.999,
        period: '30d',
        filter: { variant: 'canary' },
        burnRates: { '1h': 20, '5m': 50, '1d': 20, '2h': 50 },
        budget: { consumed: 2, remaining: -1 },
      },
    });
    expect(b.summary).toBe(
      'PAGE: support-bot SLO completion [variant canary] (completion 99.9% over 30d) is burning its error budget too fast: ' +
        '20.0x over 1h and 50.0x over 5m (threshold 14.4x). 200% of the 30d error budget consumed, -100% remaining.',
    );
  });

  test('A re-notification says the alert is still firing and since when; its id differs by sequence only.', () => {
    // Act
    const m = buildAlertMessage({
      key: PAGE,
      notice: { kind: 'renotify', sequence: 2 },
      state: { ...FIRING, notifications: 2 },
      monitor: MONITOR,
      evaluation: { ...burning, asOf: '2026-11-20T14:07:00.000Z' },
    });

    // Assess
    expect(m.subject.startsWith('PAGE still firing: ')).toBe(true);
    expect(body(m.message)).toMatchObject({ state: 'firing', renotification: true, sequence: 2 });
    expect(body(m.message).summary).toContain('still firing since 2026-11-20T10:07:00.000Z');
    expect(m.notificationId).toBe('support-bot:slo#completion#page:2026-11-20T10:07:00.000Z:2');
  });

  test('A resolution names the incident’s start, its duration and its end.', () => {
    // Prepare
    const resolvedAt = T + 42 * 60_000;
    const state: AlertState = {
      status: 'resolved',
      updatedAt: resolvedAt,
      firingSince: T,
      resolvedAt,
      lastNotifiedAt: resolvedAt,
      notifications: 2,
    };
    const clear = evaluation({
      asOf: new Date(resolvedAt).toISOString(),
      slos: [slo('completion', [rule('page', 'ok')])],
    });

    // Act
    const m = buildAlertMessage({
      key: PAGE,
      notice: { kind: 'resolved', sequence: 2 },
      state,
      monitor: MONITOR,
      evaluation: clear,
    });

    // Assess
    expect(m.subject).toBe('PAGE resolved: support-bot/completion burn 20.0x over 1h');
    expect(m.attributes.state).toBe('resolved');
    expect(body(m.message)).toMatchObject({
      state: 'resolved',
      incidentStartedAt: '2026-11-20T10:07:00.000Z',
      resolvedAt: '2026-11-20T10:49:00.000Z',
    });
    expect(body(m.message).summary).toMatch(
      /^RESOLVED page: .* is back under its page burn-rate thresholds after 42m/,
    );
  });

  test('A drift alert names the feature, the method, the statistic and the threshold.', () => {
    // Prepare
    const key: AlertKey = { monitor: 'support-bot', kind: 'drift', subject: 'amount', severity: 'ticket' };
    const e = evaluation({ drift: drift([feature('amount', 'drifted', 0.31)]) });

    // Act
    const m = buildAlertMessage({
      key,
      notice: { kind: 'firing', sequence: 1 },
      state: FIRING,
      monitor: MONITOR,
      evaluation: e,
    });

    // Assess
    expect(m.subject).toBe('TICKET firing: support-bot/amount wasserstein 0.31');
    const b = body(m.message);
    expect(b).toMatchObject({
      kind: 'drift',
      feature: 'amount',
      drift: {
        method: 'wasserstein',
        statistic: 0.31,
        threshold: 0.1,
        currentSize: 1440,
        referenceSize: 10_080,
      },
      window: { from: '2026-11-19T11:00:00.000Z', to: '2026-11-20T10:07:00.000Z' },
    });
    expect(b.summary).toContain(
      'feature amount drifted from its baseline: wasserstein 0.31 >= threshold 0.1',
    );
    expect(b.summary).toContain('vs baseline 2026-11-12T00:00:00.000Z..2026-11-19T00:00:00.000Z');
  });

  test('A no-data alert gives the silence window and yesterday’s count.', () => {
    // Prepare
    const key: AlertKey = { monitor: 'support-bot', kind: 'nodata', subject: 'events', severity: 'ticket' };

    // Act
    const m = buildAlertMessage({
      key,
      notice: { kind: 'firing', sequence: 1 },
      state: FIRING,
      monitor: MONITOR,
      evaluation: evaluation(),
      noDataReferenceEvents: 240,
    });

    // Assess
    expect(body(m.message).summary).toBe(
      'TICKET: support-bot sent no decisions or tasks in the last 30m (the same half hour yesterday had 240).',
    );
    expect(body(m.message).window).toEqual({
      length: '30m',
      from: '2026-11-20T09:37:00.000Z',
      to: '2026-11-20T10:07:00.000Z',
    });
  });

  test('An alert of an SLO no longer configured resolves with a message that says so.', () => {
    // Act
    const m = buildAlertMessage({
      key: { ...PAGE, subject: 'retired' },
      notice: { kind: 'resolved', sequence: 2 },
      state: { ...FIRING, status: 'resolved', resolvedAt: T },
      monitor: MONITOR,
      evaluation: evaluation(),
    });

    // Assess
    expect(body(m.message).summary).toBe(
      'RESOLVED page: support-bot SLO retired is no longer in the configuration after 0m.',
    );
  });

  test('Whatever the lengths of the names, the subject stays within 99 characters.', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,63}$/),
        fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/),
        (monitor, subject) => {
          const key: AlertKey = { monitor, kind: 'drift', subject, severity: 'ticket' };
          const e = evaluation({ monitor, drift: drift([feature(subject, 'drifted', 123456.789)]) });
          const m = buildAlertMessage({
            key,
            notice: { kind: 'renotify', sequence: 9 },
            state: FIRING,
            monitor: MONITOR,
            evaluation: e,
          });
          expect(m.subject.length).toBeLessThanOrEqual(99);
          expect(m.subject.startsWith('TICKET still firing: ')).toBe(true);
        },
      ),
    );
  });
});
