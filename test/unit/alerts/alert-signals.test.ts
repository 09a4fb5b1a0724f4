import { describe, expect, test } from 'vitest';
import { alertSignals, withRetiredAlerts } from '../../../functions/domain/alerts/alert-signals.ts';
import { drift, evaluation, feature, rule, slo } from './fixtures.ts';

const conditions = (
  e: Parameters<typeof alertSignals>[0],
  noData: Parameters<typeof alertSignals>[1] = null,
) => alertSignals(e, noData).map((s) => `${s.key.kind}#${s.key.subject}#${s.key.severity}=${s.condition}`);

describe('Function: alertSignals', () => {
  test.each([
    ['A page rule firing fires the page', [rule('page', 'firing')], ['page=firing']],
    [
      'A page that fires suppresses the ticket of the same SLO',
      [rule('page', 'firing'), rule('ticket', 'firing')],
      ['page=firing', 'ticket=suppressed'],
    ],
    [
      'A ticket fires on its own when no page does',
      [rule('page', 'ok'), rule('ticket', 'firing')],
      ['page=clear', 'ticket=firing'],
    ],
    [
      'Any firing rule of a severity fires it',
      [rule('page', 'ok'), rule('page', 'firing', ['6h', '30m'])],
      ['page=firing'],
    ],
    [
      'Rules without enough data are unknown, never firing',
      [rule('page', 'insufficient_data')],
      ['page=unknown'],
    ],
    [
      'One rule with data is enough to clear a severity',
      [rule('page', 'insufficient_data'), rule('page', 'ok', ['6h', '30m'])],
      ['page=clear'],
    ],
  ] as const)('%s.', (_name, rules, expected) => {
    // Act
    const out = conditions(evaluation({ slos: [slo('completion', rules)] }));

    // Assess
    expect(out).toEqual(expected.map((e) => `slo#completion#${e}`));
  });

  test('A drifted feature fires a drift ticket, an ok one clears it, insufficient data is unknown.', () => {
    // Prepare
    const e = evaluation({
      drift: drift([
        feature('amount', 'drifted'),
        feature('channel', 'ok'),
        feature('age', 'insufficient_data'),
      ]),
    });

    // Act + Assess
    expect(conditions(e)).toEqual([
      'drift#amount#ticket=firing',
      'drift#channel#ticket=clear',
      'drift#age#ticket=unknown',
    ]);
  });

  test('The no-data condition becomes the monitor’s single no-data ticket; none when not evaluated.', () => {
    // Act + Assess
    expect(conditions(evaluation(), 'firing')).toEqual(['nodata#events#ticket=firing']);
    expect(conditions(evaluation(), null)).toEqual([]);
  });

  test('A stored alert the evaluation no longer mentions is cleared so it can resolve.', () => {
    // Prepare
    const signals = alertSignals(evaluation({ slos: [slo('kept', [rule('page', 'ok')])] }), null);
    const stored = [
      { monitor: 'support-bot', kind: 'slo' as const, subject: 'kept', severity: 'page' as const },
      { monitor: 'support-bot', kind: 'slo' as const, subject: 'removed', severity: 'ticket' as const },
    ];

    // Act
    const out = withRetiredAlerts(signals, stored);

    // Assess
    expect(out.map((s) => `${s.key.subject}#${s.key.severity}=${s.condition}`)).toEqual([
      'kept#page=clear',
      'removed#ticket=clear',
    ]);
  });
});
