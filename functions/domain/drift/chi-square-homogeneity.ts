import { InvalidStatisticInputError } from '../errors.ts';
import { chiSquareSf } from './chi-square-distribution.ts';
import { assertAlignedDistributions, assertCountVector } from './validation.ts';

export interface ChiSquareResult {
  /** Pearson's X² = Σ (observed − expected)² / expected over both rows. */
  statistic: number;
  /** (2 − 1)(k − 1) where k counts the categories seen in at least one sample. */
  dof: number;
  /** P(χ²_dof ≥ X²); 1 when fewer than two categories remain. */
  pValue: number;
}

/**
 * Pearson chi-square test of homogeneity on a 2×k contingency table whose rows are the reference and
 * current category counts (already aligned by category: same index = same category, 0 for a category
 * unseen in one sample). Agrees with `scipy.stats.chi2_contingency([reference, current],
 * correction=False)`: expected counts are row total × column total / grand total. No Yates continuity
 * correction is applied, even for k = 2 (SciPy corrects by default when dof = 1; we do not, so a
 * boolean feature gets the same test as any other).
 *
 * Categories with a zero count in both rows carry no information and would make SciPy fail on a zero
 * expected frequency; they are dropped and the degrees of freedom reduced. When fewer than two
 * categories remain, the samples cannot differ: statistic 0, dof 0, p-value 1 (SciPy's dof = 0 rule).
 *
 * Source: Pearson (1900); SciPy `chi2_contingency` docs. p-value: see chi-square-distribution.ts.
 * Complexity: O(k).
 *
 * @throws {InvalidStatisticInputError} on different lengths, a negative/non-finite count, or a sample
 * whose counts sum to zero.
 * @example
 * chiSquareHomogeneity([10, 20, 30], [30, 20, 10]); // { statistic: 20, dof: 2, pValue: ≈4.54e-5 }
 */
export function chiSquareHomogeneity(
  reference: readonly number[],
  current: readonly number[],
): ChiSquareResult {
  const { totalP: referenceTotal, totalQ: currentTotal } = assertAlignedDistributions(reference, current);
  const total = referenceTotal + currentTotal;
  let statistic = 0;
  let categories = 0;
  for (let i = 0; i < reference.length; i++) {
    const observedReference = reference[i] ?? 0;
    const observedCurrent = current[i] ?? 0;
    const columnTotal = observedReference + observedCurrent;
    if (columnTotal === 0) {
      continue;
    }
    categories++;
    const expectedReference = (referenceTotal * columnTotal) / total;
    const expectedCurrent = (currentTotal * columnTotal) / total;
    const deviationReference = observedReference - expectedReference;
    const deviationCurrent = observedCurrent - expectedCurrent;
    statistic +=
      (deviationReference * deviationReference) / expectedReference +
      (deviationCurrent * deviationCurrent) / expectedCurrent;
  }
  const dof = categories - 1;
  if (dof <= 0) {
    return { statistic: 0, dof: 0, pValue: 1 };
  }
  return { statistic, dof, pValue: chiSquareSf(statistic, dof) };
}

export interface AlignedCategoryCounts {
  /** Union of the category labels, in code-unit (default `sort()`) order so output is deterministic. */
  categories: string[];
  reference: number[];
  current: number[];
}

/**
 * Aligns two category→count tables on the union of their categories, filling 0 for a category that
 * one sample never saw (a new category in production is exactly the drift we want to catch).
 * Callers map a missing value to its own category label before calling.
 *
 * Complexity: O(k log k) for the sort.
 *
 * @throws {InvalidStatisticInputError} when a count is negative or not finite.
 * @example
 * alignCategoryCounts({ a: 2, b: 1 }, new Map([['c', 4], ['a', 1]]));
 * // { categories: ['a', 'b', 'c'], reference: [2, 1, 0], current: [1, 0, 4] }
 */
export function alignCategoryCounts(
  reference: ReadonlyMap<string, number> | Readonly<Record<string, number>>,
  current: ReadonlyMap<string, number> | Readonly<Record<string, number>>,
): AlignedCategoryCounts {
  const referenceMap = toMap(reference);
  const currentMap = toMap(current);
  const categories = [...new Set([...referenceMap.keys(), ...currentMap.keys()])].sort();
  const referenceCounts = categories.map((category) => referenceMap.get(category) ?? 0);
  const currentCounts = categories.map((category) => currentMap.get(category) ?? 0);
  if (categories.length > 0) {
    assertCountVector(referenceCounts, 'reference');
    assertCountVector(currentCounts, 'current');
  }
  return { categories, reference: referenceCounts, current: currentCounts };
}

function toMap(
  table: ReadonlyMap<string, number> | Readonly<Record<string, number>>,
): ReadonlyMap<string, number> {
  if (table instanceof Map) {
    return table;
  }
  if (typeof table !== 'object' || table === null) {
    throw new InvalidStatisticInputError('category counts must be a Map or a plain object');
  }
  return new Map(Object.entries(table as Readonly<Record<string, number>>));
}
