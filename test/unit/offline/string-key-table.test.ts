import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { StringKeyTable } from '../../../functions/offline/string-key-table.ts';

function unitsOf(text: string): Uint16Array {
  return Uint16Array.from(text, (_, i) => text.charCodeAt(i));
}

describe('Class: StringKeyTable', () => {
  test('It gives dense ids in order of first sight, the same for a string, its code units and its ASCII bytes.', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 300 }), (texts) => {
        // Prepare
        const table = new StringKeyTable();
        const reference = new Map<string, number>();
        const recent = new Int32Array(3).fill(-1);

        // Act and assess
        texts.forEach((text, i) => {
          const expected = reference.get(text) ?? reference.size;
          reference.set(text, expected);
          const units = unitsOf(text);
          const id =
            i % 3 === 0
              ? table.internString(text)
              : i % 3 === 1
                ? table.intern(units, 0, units.length)
                : table.internRecent(units, 0, units.length, recent);
          expect(id).toBe(expected);
          expect(table.text(id)).toBe(text);
          if ([...text].every((c) => c.charCodeAt(0) < 0x80)) {
            const bytes = Buffer.from(`"${text}"`, 'latin1');
            expect(table.find(bytes, 1, bytes.length - 1)).toBe(expected);
          }
        });
        expect(table.size).toBe(reference.size);
      }),
      { numRuns: 200 },
    );
  });

  test('It keeps texts that differ only by a lone surrogate apart.', () => {
    // Prepare
    const table = new StringKeyTable();

    // Act
    const ids = ['\ud800', '\ufffd', '\udc00', '\ud800'].map((t) => table.internString(t));

    // Assess
    expect(ids).toEqual([0, 1, 2, 0]);
    expect(table.find(unitsOf('\udc00'), 0, 1)).toBe(2);
    expect(table.find(unitsOf('x'), 0, 1)).toBe(-1);
  });
});
