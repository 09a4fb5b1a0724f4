import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  COUNTER_KINDS,
  counterKey,
  parseCounterKey,
  SEPARATOR,
} from '../../../functions/domain/counters/counter-key.ts';

const dimension = fc.string({ maxLength: 12 }).filter((s) => !s.includes(SEPARATOR));

describe('Function: counterKey', () => {
  test.each<[string, string[], string]>([
    ['a kind without dimensions', [], 'ts'],
    ['one dimension', ['main'], 'ts\u001fmain'],
    [
      'four dimensions',
      ['main', 'control', 'escalate', 'resolve'],
      'ts\u001fmain\u001fcontrol\u001fescalate\u001fresolve',
    ],
  ])('It joins %s with the unit separator.', (_what, dims, expected) => {
    // Prepare
    const kind = COUNTER_KINDS.tasksStarted;

    // Act
    const key = counterKey(kind, ...dims);

    // Assess
    expect(key).toBe(expected);
  });

  test('It uses a distinct short name for every kind of counter.', () => {
    // Prepare
    const kinds = Object.values(COUNTER_KINDS);

    // Act
    const distinct = new Set(kinds);

    // Assess
    expect(distinct.size).toBe(kinds.length);
    for (const k of kinds) expect(k).toMatch(/^[a-z]+$/);
  });
});

describe('Function: parseCounterKey', () => {
  test('It splits every key back into its kind and dimensions, empty ones included.', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(COUNTER_KINDS)),
        fc.array(dimension, { minLength: 1, maxLength: 4 }),
        (kind, dims) => {
          // Prepare
          const key = counterKey(kind, ...dims);

          // Act
          const parsed = parseCounterKey(key);

          // Assess
          expect(parsed).toEqual({ kind, dims });
        },
      ),
    );
  });

  test('It reads a key without dimensions as a kind with none.', () => {
    // Prepare
    const key = 'dec';

    // Act
    const parsed = parseCounterKey(key);

    // Assess
    expect(parsed).toEqual({ kind: 'dec', dims: [] });
  });
});
