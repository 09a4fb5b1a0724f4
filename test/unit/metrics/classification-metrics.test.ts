import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import {
  binaryMetrics,
  fBetaFromCounts,
  multiclassMetrics,
} from '../../../functions/domain/metrics/classification-metrics.ts';
import { ConfusionMatrix, confusionFromPairs } from '../../../functions/domain/metrics/confusion-matrix.ts';
import { expectRelativelyClose, reference } from './reference.ts';

const binaryCases = reference.classification.flatMap((fixture) =>
  fixture.binary.map((expected) => [fixture.name, expected.positiveLabel, fixture, expected] as const),
);
const multiclassCases = reference.classification.flatMap((fixture) =>
  fixture.multiclass.byBeta.map((expected) => [fixture.name, expected.beta, fixture, expected] as const),
);

const label = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const pairs = fc.array(fc.tuple(label, label), { minLength: 1, maxLength: 80 });
const matrixOf = (list: readonly (readonly [string, string])[]) =>
  confusionFromPairs(
    list.map((p) => p[0]),
    list.map((p) => p[1]),
  );

describe('Function: binaryMetrics', () => {
  test.each(binaryCases)(
    'It agrees with scikit-learn average="binary" on "%s" with positive label %j.',
    (_name, _label, fixture, expected) => {
      // Prepare
      const matrix = confusionFromPairs(fixture.yTrue, fixture.yPred);

      // Act
      const metrics = binaryMetrics(matrix, { positiveLabel: expected.positiveLabel });

      // Assess
      expectRelativelyClose(metrics.precision, expected.precision, 'precision');
      expectRelativelyClose(metrics.recall, expected.recall, 'recall');
      expectRelativelyClose(metrics.f1, expected.f1, 'f1');
      expect(metrics.support).toBe(expected.support);
      expect(metrics.tp + metrics.fp + metrics.fn + metrics.tn).toBe(fixture.yTrue.length);
      for (const byBeta of expected.byBeta) {
        const weighted = binaryMetrics(matrix, { positiveLabel: expected.positiveLabel, beta: byBeta.beta });
        expectRelativelyClose(weighted.fBeta, byBeta.fBeta, `F${byBeta.beta}`);
      }
    },
  );

  test('It reports the counts behind the scores, treating other labels as negative (one-vs-rest).', () => {
    // Prepare
    const matrix = confusionFromPairs(['x', 'x', 'x', 'y', 'z', 'z'], ['x', 'x', 'y', 'x', 'y', 'z']);

    // Act
    const metrics = binaryMetrics(matrix, { positiveLabel: 'x' });

    // Assess
    expect(metrics).toMatchObject({
      tp: 2,
      fp: 1,
      fn: 1,
      tn: 2,
      support: 3,
      predicted: 3,
      total: 6,
      beta: 1,
    });
    expect(metrics.precision).toBe(2 / 3);
    expect(metrics.recall).toBe(2 / 3);
  });

  test('It returns recall for beta = +Infinity and precision for beta = 0, as scikit-learn does.', () => {
    // Prepare
    const matrix = confusionFromPairs(['p', 'p', 'p', 'n'], ['p', 'n', 'n', 'p']);

    // Act
    const infinite = binaryMetrics(matrix, { positiveLabel: 'p', beta: Number.POSITIVE_INFINITY });
    const zero = binaryMetrics(matrix, { positiveLabel: 'p', beta: 0 });

    // Assess
    expect(infinite.fBeta).toBe(1 / 3);
    expect(zero.fBeta).toBe(1 / 2);
  });

  test.each([
    ['an empty matrix', new ConfusionMatrix(), 1],
    ['a negative beta', confusionFromPairs(['a'], ['a']), -1],
    ['a NaN beta', confusionFromPairs(['a'], ['a']), Number.NaN],
  ])('It throws on %s.', (_what, matrix, beta) => {
    // Prepare
    const options = { positiveLabel: 'a', beta };

    // Act
    const act = () => binaryMetrics(matrix, options);

    // Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });

  test('It keeps F1 between precision and recall, equal to their harmonic mean when both are positive.', () => {
    fc.assert(
      fc.property(pairs, label, (list, positiveLabel) => {
        // Prepare
        const matrix = matrixOf(list);

        // Act
        const { precision, recall, f1 } = binaryMetrics(matrix, { positiveLabel });

        // Assess
        if (precision > 0 && recall > 0) {
          expectRelativelyClose(f1, (2 * precision * recall) / (precision + recall), 'harmonic mean');
          expect(f1).toBeGreaterThanOrEqual(Math.min(precision, recall) * (1 - 1e-12));
          expect(f1).toBeLessThanOrEqual(Math.max(precision, recall) * (1 + 1e-12));
        } else {
          expect(f1).toBe(0);
        }
      }),
    );
  });
});

describe('Function: fBetaFromCounts', () => {
  test.each([
    // [tp, fp, fn, beta, expected]: (1 + β²)tp / ((1 + β²)tp + β²fn + fp)
    [3, 1, 3, 1, 0.6],
    [3, 1, 3, 2, 15 / 28],
    [3, 1, 3, 0.5, 3.75 / 5.5],
    [0, 4, 2, 1, 0],
    [0, 0, 0, 1, 0],
    [5, 0, 0, 3, 1],
  ])('It returns Fβ for tp=%i, fp=%i, fn=%i, β=%d.', (tp, fp, fn, beta, expected) => {
    // Prepare
    const counts = { tp, fp, fn };

    // Act
    const score = fBetaFromCounts(counts.tp, counts.fp, counts.fn, beta);

    // Assess
    expectRelativelyClose(score, expected, 'fBeta');
  });
});

describe('Function: multiclassMetrics', () => {
  test.each(multiclassCases)(
    'It agrees with scikit-learn per class and for micro/macro/weighted averages on "%s" with beta %d.',
    (_name, beta, fixture, expected) => {
      // Prepare
      const matrix = confusionFromPairs(fixture.yTrue, fixture.yPred);

      // Act
      const metrics = multiclassMetrics(matrix, { beta });

      // Assess
      expect(metrics.labels).toEqual(fixture.multiclass.labels);
      expect(metrics.perClass.map((c) => c.support)).toEqual(expected.perClass.support);
      metrics.perClass.forEach((c, i) => {
        expectRelativelyClose(
          c.precision,
          expected.perClass.precision[i] ?? Number.NaN,
          `${c.label} precision`,
        );
        expectRelativelyClose(c.recall, expected.perClass.recall[i] ?? Number.NaN, `${c.label} recall`);
        expectRelativelyClose(c.fBeta, expected.perClass.fBeta[i] ?? Number.NaN, `${c.label} fBeta`);
      });
      for (const average of ['micro', 'macro', 'weighted'] as const) {
        expectRelativelyClose(
          metrics[average].precision,
          expected[average].precision,
          `${average} precision`,
        );
        expectRelativelyClose(metrics[average].recall, expected[average].recall, `${average} recall`);
        expectRelativelyClose(metrics[average].fBeta, expected[average].fBeta, `${average} fBeta`);
      }
      expectRelativelyClose(metrics.accuracy, fixture.multiclass.accuracy, 'accuracy');
    },
  );

  test('It reports F1 alongside Fβ, equal to scikit-learn F1 whatever beta is requested.', () => {
    // Prepare
    const fixture = reference.classification.find((c) => c.name.startsWith('digits'));
    const f1Reference = fixture?.multiclass.byBeta.find((b) => b.beta === 1);
    if (fixture === undefined || f1Reference === undefined) throw new Error('digits fixture is missing');
    const matrix = confusionFromPairs(fixture.yTrue, fixture.yPred);

    // Act
    const metrics = multiclassMetrics(matrix, { beta: 2 });

    // Assess
    expectRelativelyClose(metrics.macro.f1, f1Reference.macro.fBeta, 'macro f1');
    expectRelativelyClose(metrics.weighted.f1, f1Reference.weighted.fBeta, 'weighted f1');
    metrics.perClass.forEach((c, i) => {
      expectRelativelyClose(c.f1, f1Reference.perClass.fBeta[i] ?? Number.NaN, `${c.label} f1`);
    });
  });

  test('It scores a class that is never predicted with precision 0 and keeps it in the macro average.', () => {
    // Prepare
    const matrix = confusionFromPairs(['a', 'a', 'b', 'c'], ['a', 'a', 'b', 'b']);

    // Act
    const metrics = multiclassMetrics(matrix);

    // Assess
    expect(metrics.perClass[2]).toMatchObject({
      label: 'c',
      tp: 0,
      fp: 0,
      fn: 1,
      predicted: 0,
      precision: 0,
      f1: 0,
    });
    expect(metrics.macro.classCount).toBe(3);
    expectRelativelyClose(metrics.macro.recall, (1 + 1 + 0) / 3);
    expect(metrics).toMatchObject({ correct: 3, total: 4, accuracy: 0.75 });
  });

  test('It throws on an empty matrix rather than returning NaN.', () => {
    // Prepare
    const matrix = new ConfusionMatrix();

    // Act
    const act = () => multiclassMetrics(matrix);

    // Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });

  test('It gives micro-F1, micro precision, micro recall and weighted recall equal to accuracy.', () => {
    fc.assert(
      fc.property(pairs, (list) => {
        // Prepare
        const matrix = matrixOf(list);

        // Act
        const metrics = multiclassMetrics(matrix);

        // Assess
        const accuracy = list.filter(([a, p]) => a === p).length / list.length;
        expect(metrics.accuracy).toBe(accuracy);
        expectRelativelyClose(metrics.micro.f1, accuracy, 'micro f1');
        expectRelativelyClose(metrics.micro.precision, accuracy, 'micro precision');
        expectRelativelyClose(metrics.micro.recall, accuracy, 'micro recall');
        expectRelativelyClose(metrics.weighted.recall, accuracy, 'weighted recall');
      }),
    );
  });

  test('It keeps every per-class F1 between precision and recall.', () => {
    fc.assert(
      fc.property(pairs, fc.double({ min: 0.1, max: 10, noNaN: true }), (list, beta) => {
        // Prepare
        const matrix = matrixOf(list);

        // Act
        const metrics = multiclassMetrics(matrix, { beta });

        // Assess
        for (const c of metrics.perClass) {
          const low = Math.min(c.precision, c.recall);
          const high = Math.max(c.precision, c.recall);
          if (low > 0) {
            expectRelativelyClose(
              c.f1,
              (2 * c.precision * c.recall) / (c.precision + c.recall),
              'harmonic mean',
            );
            expect(c.fBeta).toBeGreaterThanOrEqual(low * (1 - 1e-12));
            expect(c.fBeta).toBeLessThanOrEqual(high * (1 + 1e-12));
          } else {
            expect(c.f1).toBe(0);
            expect(c.fBeta).toBe(0);
          }
        }
      }),
    );
  });

  test('It gives the same metrics for merged matrices as for one matrix built from the concatenated pairs.', () => {
    fc.assert(
      fc.property(pairs, pairs, (first, second) => {
        // Prepare
        const merged = matrixOf(first).merge(matrixOf(second));
        const direct = matrixOf([...first, ...second]);

        // Act
        const fromMerged = multiclassMetrics(merged, { beta: 2 });
        const fromDirect = multiclassMetrics(direct, { beta: 2 });

        // Assess
        expect(fromMerged).toEqual(fromDirect);
      }),
    );
  });
});
