import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { alertSubject, MAX_SUBJECT_LENGTH } from '../../../functions/notify/alert-subject.ts';

describe('Function: alertSubject', () => {
  test('A subject that fits is the head, name and tail unchanged.', () => {
    expect(alertSubject('PAGE firing: ', 'support-bot/completion', ' burn 20.0x over 1h')).toBe(
      'PAGE firing: support-bot/completion burn 20.0x over 1h',
    );
  });

  test('A long name is shortened with "..." and the tail kept while the name keeps 12 characters.', () => {
    // Prepare
    const name = `${'m'.repeat(64)}/${'s'.repeat(64)}`;

    // Act
    const subject = alertSubject('TICKET resolved: ', name, ' burn 3.1x over 1d');

    // Assess
    expect(subject).toHaveLength(MAX_SUBJECT_LENGTH);
    expect(subject.startsWith('TICKET resolved: mmmm')).toBe(true);
    expect(subject.endsWith('... burn 3.1x over 1d')).toBe(true);
  });

  test('Control characters and non-ASCII characters are replaced (SNS refuses line breaks).', () => {
    expect(alertSubject('PAGE firing: ', 'a\nb\u00e9', ' x')).toBe('PAGE firing: a?b? x');
  });

  test('Whatever the names, a subject is at most 99 printable ASCII characters and starts with its head.', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('PAGE firing: ', 'TICKET still firing: ', 'PAGE resolved: '),
        fc.string({ maxLength: 200 }),
        fc.string({ maxLength: 80 }),
        (head, name, tail) => {
          const subject = alertSubject(head, name, tail);
          expect(subject.length).toBeLessThanOrEqual(MAX_SUBJECT_LENGTH);
          expect(subject).toMatch(/^[\x20-\x7e]*$/);
          expect(subject.startsWith(head)).toBe(true);
        },
      ),
    );
  });
});
