import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  categoryOf,
  fnv1a,
  HASHED_CATEGORY_GROUPS,
  OTHER_CATEGORY,
} from '../../../functions/domain/counters/feature-value-key.ts';
import type { FeatureFold } from '../../../functions/domain/counters/fold-options.ts';

describe('Function: fnv1a', () => {
  // Test vectors of FNV-1a 32-bit (Fowler, Noll and Vo, http://www.isthe.com/chongo/tech/comp/fnv/), checked with
  // a byte-wise Python implementation; for ASCII input UTF-16 code units and UTF-8 bytes coincide.
  test.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['b', 0xe70c2de5],
    ['foobar', 0xbf9cf968],
    ['chongo was here!\n', 0xd49930d5],
  ])('It hashes %j to the published FNV-1a value.', (text, expected) => {
    // Prepare
    const input = text;

    // Act
    const hash = fnv1a(input);

    // Assess
    expect(hash).toBe(expected);
  });

  test('It returns an unsigned 32-bit integer for any text.', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
          maxLength: 20,
        }),
        (text) => {
          // Prepare
          const input = text;

          // Act
          const hash = fnv1a(input);

          // Assess
          expect(Number.isInteger(hash) && hash >= 0 && hash < 2 ** 32).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('Function: categoryOf', () => {
  const declared: FeatureFold = { name: 'channel', kind: 'categorical', categories: ['email', 'chat', '5'] };
  const hashed: FeatureFold = { name: 'language', kind: 'categorical' };
  const flag: FeatureFold = { name: 'card_present', kind: 'boolean' };

  test.each<[string, FeatureFold, Parameters<typeof categoryOf>[1], string | undefined]>([
    ['a declared category', declared, 'chat', 'chat'],
    ['an undeclared value', declared, 'fax', OTHER_CATEGORY],
    ['a number that matches a declared category as text', declared, 5, '5'],
    ['null (missing)', declared, null, undefined],
    ['an absent value', declared, undefined, undefined],
    ['true on a boolean feature', flag, true, 'true'],
    ['false on a boolean feature', flag, false, 'false'],
    ['the text "true" on a boolean feature (wrong type: missing)', flag, 'true', undefined],
    [
      'a value of a feature without declared categories',
      hashed,
      'foobar',
      `h${(0xbf9cf968 % 64).toString().padStart(2, '0')}`,
    ],
  ])('It counts %s under the right category.', (_what, feature, value, expected) => {
    // Prepare
    const input = value;

    // Act
    const category = categoryOf(feature, input);

    // Assess
    expect(category).toBe(expected);
  });

  test('It hashes undeclared values into 64 stable groups h00 to h63.', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ minLength: 1 }), fc.integer(), fc.double({ noNaN: true })),
        (value) => {
          // Prepare
          const input = value;

          // Act
          const category = categoryOf(hashed, input);

          // Assess
          expect(category).toMatch(/^h\d\d$/);
          expect(Number(category?.slice(1))).toBeLessThan(HASHED_CATEGORY_GROUPS);
          expect(categoryOf(hashed, String(input))).toBe(category);
        },
      ),
    );
  });
});
