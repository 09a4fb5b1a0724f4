import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ALERT_KINDS, alertId, parseAlertId } from '../../../functions/domain/alerts/alert-key.ts';

describe('Function: alertId', () => {
  test('It writes kind, subject and severity separated by #.', () => {
    expect(alertId({ kind: 'drift', subject: 'order.amount', severity: 'ticket' })).toBe(
      'drift#order.amount#ticket',
    );
  });

  test('parseAlertId reads back every id alertId writes for valid names.', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALERT_KINDS),
        fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/),
        fc.constantFrom('page' as const, 'ticket' as const),
        (kind, subject, severity) => {
          const key = { monitor: 'm-1', kind, subject, severity };
          expect(parseAlertId('m-1', alertId(key))).toEqual(key);
        },
      ),
    );
  });

  test.each([
    ['An unknown kind', 'burn#x#page'],
    ['An unknown severity', 'slo#x#sms'],
    ['A missing part', 'slo#page'],
    ['An empty subject', 'slo##page'],
  ])('%s is not an alert id.', (_name, id) => {
    expect(parseAlertId('m', id)).toBeUndefined();
  });
});
