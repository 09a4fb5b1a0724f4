import { InvalidStatisticInputError } from '../errors.ts';

/**
 * Read-only view of confusion counts: actual label → predicted label → count. This is the shape the
 * DynamoDB counters take once summed over time buckets, so metrics never need the raw decision rows.
 */
export type ConfusionCounts = ReadonlyMap<string, ReadonlyMap<string, number>>;

/**
 * Orders labels by Unicode code point, which is how NumPy sorts `str` arrays and therefore how
 * scikit-learn's `unique_labels` orders classes. `Array.prototype.sort` compares UTF-16 code units,
 * which disagrees for labels mixing astral characters with characters in U+E000–U+FFFF.
 *
 * Complexity: O(min(|a|, |b|)).
 *
 * @example
 * ['b', 'a'].sort(compareLabels); // ['a', 'b']
 */
export function compareLabels(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const ca = a.codePointAt(i) ?? 0;
    const cb = b.codePointAt(i) ?? 0;
    if (ca !== cb) return ca - cb;
    // Skip the low surrogate of a pair so the next comparison starts on a code point boundary.
    if (ca > 0xffff) i++;
  }
  return a.length - b.length;
}

function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new InvalidStatisticInputError(`${what} must be a non-negative safe integer, got ${n}`);
  }
}

/**
 * Mutable confusion matrix over string labels, stored sparsely (only non-zero cells), so a 10-class
 * monitor with a few confusions costs a handful of map entries rather than a dense k×k array.
 *
 * Labels are those of cells with a positive count; a cell added with count 0 does not make its labels
 * "present", because no decision stands behind it (a zeroed DynamoDB counter is not an observation).
 */
export class ConfusionMatrix {
  readonly #cells = new Map<string, Map<string, number>>();
  #total = 0;

  /**
   * Builds a matrix from nested count maps (actual → predicted → count), e.g. DynamoDB counters.
   *
   * Source: scikit-learn `confusion_matrix` (rows = true labels, columns = predicted labels).
   * Complexity: O(number of cells).
   *
   * @throws {InvalidStatisticInputError} when a count is negative, fractional or not a safe integer.
   * @example
   * ConfusionMatrix.fromCounts(new Map([['cat', new Map([['dog', 2]])]])).count('cat', 'dog'); // 2
   */
  static fromCounts(counts: ConfusionCounts): ConfusionMatrix {
    const matrix = new ConfusionMatrix();
    for (const [actual, row] of counts) {
      for (const [predicted, n] of row) matrix.add(actual, predicted, n);
    }
    return matrix;
  }

  /**
   * Adds `n` decisions whose true label is `actual` and predicted label is `predicted`.
   *
   * Source: scikit-learn `confusion_matrix` (C[i, j] = number of samples in class i predicted as j).
   * Complexity: O(1) amortised. Returns `this` for chaining.
   *
   * @throws {InvalidStatisticInputError} when `n` is negative, fractional or not a safe integer.
   * @example
   * new ConfusionMatrix().add('spam', 'ham', 3).total(); // 3
   */
  add(actual: string, predicted: string, n = 1): this {
    assertCount(n, 'count');
    if (n === 0) return this;
    let row = this.#cells.get(actual);
    if (row === undefined) {
      row = new Map();
      this.#cells.set(actual, row);
    }
    const next = (row.get(predicted) ?? 0) + n;
    const total = this.#total + n;
    // Counts above 2^53 would silently lose precision and every ratio built on them.
    assertCount(total, 'matrix total');
    row.set(predicted, next);
    this.#total = total;
    return this;
  }

  /**
   * Adds every cell of `other` into this matrix (summing two time buckets or two shards).
   * Merging is associative and commutative, so bucket order never changes the metrics.
   *
   * Complexity: O(cells of `other`). Mutates and returns `this`; use `clone()` first to keep the original.
   *
   * @throws {InvalidStatisticInputError} when the merged total exceeds Number.MAX_SAFE_INTEGER.
   * @example
   * a.clone().merge(b).total() === a.total() + b.total(); // true
   */
  merge(other: ConfusionMatrix): this {
    for (const [actual, row] of other.#cells) {
      for (const [predicted, n] of row) this.add(actual, predicted, n);
    }
    return this;
  }

  /**
   * Returns an independent copy of this matrix.
   *
   * Complexity: O(number of cells).
   *
   * @example
   * const copy = matrix.clone();
   */
  clone(): ConfusionMatrix {
    return new ConfusionMatrix().merge(this);
  }

  /**
   * Sorted union of the true and predicted labels that have at least one decision, in code-point order.
   *
   * Source: scikit-learn `sklearn.utils.multiclass.unique_labels` (sorted union of labels in y_true and y_pred).
   * Complexity: O(cells + k log k) for k labels.
   *
   * @example
   * confusionFromPairs(['b', 'a'], ['c', 'a']).classes(); // ['a', 'b', 'c']
   */
  classes(): string[] {
    const labels = new Set<string>();
    for (const [actual, row] of this.#cells) {
      labels.add(actual);
      for (const predicted of row.keys()) labels.add(predicted);
    }
    return [...labels].sort(compareLabels);
  }

  /**
   * Number of decisions with true label `actual` predicted as `predicted` (0 when never seen).
   *
   * Complexity: O(1).
   *
   * @example
   * confusionFromPairs(['a'], ['b']).count('a', 'b'); // 1
   */
  count(actual: string, predicted: string): number {
    return this.#cells.get(actual)?.get(predicted) ?? 0;
  }

  /**
   * Total number of decisions in the matrix (sum of all cells).
   *
   * Complexity: O(1) (maintained incrementally).
   *
   * @example
   * confusionFromPairs(['a', 'b'], ['a', 'a']).total(); // 2
   */
  total(): number {
    return this.#total;
  }

  /**
   * Iterates the non-zero cells as `[actual, predicted, count]`, in insertion order.
   *
   * Complexity: O(number of cells) for the whole iteration.
   *
   * @example
   * for (const [actual, predicted, n] of matrix.cells()) console.log(actual, predicted, n);
   */
  *cells(): IterableIterator<readonly [string, string, number]> {
    for (const [actual, row] of this.#cells) {
      for (const [predicted, n] of row) yield [actual, predicted, n] as const;
    }
  }

  /**
   * Nested-map snapshot (actual → predicted → count), e.g. to persist or print.
   *
   * Complexity: O(number of cells).
   *
   * @example
   * matrix.toCounts().get('cat')?.get('dog'); // 2
   */
  toCounts(): ConfusionCounts {
    const out = new Map<string, Map<string, number>>();
    for (const [actual, row] of this.#cells) out.set(actual, new Map(row));
    return out;
  }
}

/**
 * Builds a confusion matrix from aligned arrays of true and predicted labels (tests and the offline CLI).
 *
 * Source: scikit-learn `confusion_matrix(y_true, y_pred)`.
 * Complexity: O(n) time, O(cells) memory.
 *
 * @throws {InvalidStatisticInputError} when the arrays have different lengths.
 * @example
 * confusionFromPairs(['cat', 'dog'], ['cat', 'cat']).count('dog', 'cat'); // 1
 */
export function confusionFromPairs(actual: readonly string[], predicted: readonly string[]): ConfusionMatrix {
  if (actual.length !== predicted.length) {
    throw new InvalidStatisticInputError(
      `actual and predicted must have the same length, got ${actual.length} and ${predicted.length}`,
    );
  }
  const matrix = new ConfusionMatrix();
  for (let i = 0; i < actual.length; i++) {
    // Indices are in range by the length check; `?? ''` only satisfies noUncheckedIndexedAccess.
    matrix.add(actual[i] ?? '', predicted[i] ?? '');
  }
  return matrix;
}
