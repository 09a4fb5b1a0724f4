import { describe, expect, test } from 'vitest';
import {
  itemSize,
  transactionalWriteUnits,
  valueSize,
  writeUnits,
} from '../../../functions/store/item-size.ts';

describe('Function: itemSize', () => {
  test.each([
    ['a string counts its UTF-8 bytes', { Name: 'Alice' }, 4 + 5],
    ['a multi-byte string counts bytes, not characters', { n: 'é€' }, 1 + 5],
    ['a 3-digit number is 2 + 1 bytes', { n: 123 }, 1 + 3],
    ['a number ignores the point and trailing zeros', { n: 1.5 }, 1 + 2],
    ['a boolean and a null are one byte', { a: true, b: null }, 1 + 1 + 1 + 1],
    ['a map is 3 bytes plus one per element', { m: { a: 'x' } }, 1 + 3 + 1 + 1 + 1],
    ['a list is 3 bytes plus one per element', { l: ['ab', 'c'] }, 1 + 3 + (1 + 2) + (1 + 1)],
    ['undefined attributes are not stored', { a: undefined, b: 'x' }, 1 + 1],
  ])('%s', (_name, item, expected) => {
    // Act + Assess
    expect(itemSize(item)).toBe(expected);
  });

  test('a number of 38 significant digits is 20 bytes', () => {
    // Act + Assess: JS doubles have 17 significant digits at most: 9 + 1 bytes.
    expect(valueSize(1.2345678901234567)).toBe(10);
  });
});

describe('Function: writeUnits and transactionalWriteUnits', () => {
  test.each([
    [1, 1, 2],
    [1024, 1, 2],
    [1025, 2, 4],
    [30_000, 30, 60],
  ])('%i bytes cost %i units, %i in a transaction', (bytes, units, transactional) => {
    // Act + Assess
    expect(writeUnits(bytes)).toBe(units);
    expect(transactionalWriteUnits(bytes)).toBe(transactional);
  });
});
