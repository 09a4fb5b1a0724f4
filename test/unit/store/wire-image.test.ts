import { describe, expect, test } from 'vitest';
import { MalformedImageError, unwire, unwireImage } from '../../../functions/store/wire-image.ts';

describe('Function: unwireImage', () => {
  test('every DynamoDB type becomes its plain JavaScript value', () => {
    // Act
    const plain = unwireImage({
      s: { S: 'x' },
      n: { N: '-1.5' },
      t: { BOOL: true },
      z: { NULL: true },
      m: { M: { a: { N: '1' } } },
      l: { L: [{ S: 'a' }, { N: '2' }] },
      ss: { SS: ['a', 'b'] },
      ns: { NS: ['1', '2'] },
      b64: { B: 'AQI=' },
      bytes: { B: Uint8Array.from([3]) },
    });

    // Assess
    expect(plain).toEqual({
      s: 'x',
      n: -1.5,
      t: true,
      z: null,
      m: { a: 1 },
      l: ['a', 2],
      ss: ['a', 'b'],
      ns: [1, 2],
      b64: Uint8Array.from([1, 2]),
      bytes: Uint8Array.from([3]),
    });
  });

  test('a value without a known type is a malformed image', () => {
    // Act + Assess
    expect(() => unwire({})).toThrow(MalformedImageError);
  });
});
