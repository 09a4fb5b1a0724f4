import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import {
  ConfusionMatrix,
  compareLabels,
  confusionFromPairs,
} from '../../../functions/domain/metrics/confusion-matrix.ts';
import { reference } from './reference.ts';

describe('Function: confusionFromPairs', () => {
  test('It counts each (actual, predicted) pair in its cell and sums the total.', () => {
    // Prepare
    const actual = ['cat', 'cat', 'dog', 'dog', 'dog'];
    const predicted = ['cat', 'dog', 'dog', 'dog', 'cat'];

    // Act
    const matrix = confusionFromPairs(actual, predicted);

    // Assess
    expect(matrix.count('cat', 'cat')).toBe(1);
    expect(matrix.count('cat', 'dog')).toBe(1);
    expect(matrix.count('dog', 'dog')).toBe(2);
    expect(matrix.count('dog', 'cat')).toBe(1);
    expect(matrix.count('bird', 'cat')).toBe(0);
    expect(matrix.total()).toBe(5);
  });

  test('It rejects arrays of different lengths.', () => {
    // Prepare
    const actual = ['a', 'b'];
    const predicted = ['a'];

    // Act
    const act = () => confusionFromPairs(actual, predicted);

    // Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: ConfusionMatrix.classes', () => {
  test.each(reference.classification.map((c) => [c.name, c] as const))(
    'It returns the same sorted label union as scikit-learn unique_labels for the case "%s".',
    (_name, fixture) => {
      // Prepare
      const matrix = confusionFromPairs(fixture.yTrue, fixture.yPred);

      // Act
      const classes = matrix.classes();

      // Assess
      expect(classes).toEqual(fixture.multiclass.labels);
    },
  );

  test('It ignores labels whose only cells were added with a zero count.', () => {
    // Prepare
    const matrix = new ConfusionMatrix().add('a', 'a', 2).add('ghost', 'a', 0).add('a', 'phantom', 0);

    // Act
    const classes = matrix.classes();

    // Assess
    expect(classes).toEqual(['a']);
    expect(matrix.total()).toBe(2);
  });
});

describe('Function: compareLabels', () => {
  test.each([
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['same', 'same', 0],
    ['ab', 'abc', -1],
    ['10', '9', -1],
    // U+FF21 is below U+1F600 by code point, but above its UTF-16 high surrogate (U+D83D).
    ['\uff21', '\u{1f600}', -1],
    ['\u{1f600}x', '\u{1f600}y', -1],
  ])('It orders %j before or after %j by code point (sign %i).', (a, b, sign) => {
    // Prepare
    const left = a;
    const right = b;

    // Act
    const result = compareLabels(left, right);

    // Assess
    expect(Math.sign(result)).toBe(sign);
  });
});

describe('Function: ConfusionMatrix.add', () => {
  test.each([[-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY], [2 ** 53]])(
    'It rejects the count %d.',
    (n) => {
      // Prepare
      const matrix = new ConfusionMatrix();

      // Act
      const act = () => matrix.add('a', 'b', n);

      // Assess
      expect(act).toThrow(InvalidStatisticInputError);
      expect(matrix.total()).toBe(0);
    },
  );
});

describe('Function: ConfusionMatrix.merge', () => {
  test('It sums two matrices cell by cell and leaves the merged-in matrix unchanged.', () => {
    // Prepare
    const left = confusionFromPairs(['a', 'b'], ['a', 'a']);
    const right = confusionFromPairs(['b', 'c'], ['a', 'c']);

    // Act
    const merged = left.clone().merge(right);

    // Assess
    expect(merged.count('b', 'a')).toBe(2);
    expect(merged.count('c', 'c')).toBe(1);
    expect(merged.total()).toBe(4);
    expect(left.total()).toBe(2);
    expect(right.total()).toBe(2);
  });

  test('It gives the same matrix as building it from the concatenated pairs.', () => {
    // Prepare
    const label = fc.constantFrom('a', 'b', 'c', 'd');
    const pairs = fc.array(fc.tuple(label, label), { maxLength: 60 });

    fc.assert(
      fc.property(pairs, pairs, (first, second) => {
        // Act
        const merged = confusionFromPairs(
          first.map((p) => p[0]),
          first.map((p) => p[1]),
        ).merge(
          confusionFromPairs(
            second.map((p) => p[0]),
            second.map((p) => p[1]),
          ),
        );
        const whole = [...first, ...second];
        const direct = confusionFromPairs(
          whole.map((p) => p[0]),
          whole.map((p) => p[1]),
        );

        // Assess
        expect(merged.toCounts()).toEqual(direct.toCounts());
        expect(merged.total()).toBe(whole.length);
      }),
    );
  });
});

describe('Function: ConfusionMatrix.fromCounts', () => {
  test('It round-trips through toCounts.', () => {
    // Prepare
    const counts = new Map([
      [
        'spam',
        new Map([
          ['spam', 7],
          ['ham', 2],
        ]),
      ],
      ['ham', new Map([['ham', 11]])],
    ]);

    // Act
    const matrix = ConfusionMatrix.fromCounts(counts);

    // Assess
    expect(matrix.toCounts()).toEqual(counts);
    expect(matrix.total()).toBe(20);
    expect([...matrix.cells()]).toContainEqual(['spam', 'ham', 2]);
  });
});
