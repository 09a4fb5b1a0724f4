import { InvalidStatisticInputError } from '../errors.ts';
import {
  type BinaryMetrics,
  binaryMetrics,
  type MulticlassMetrics,
  multiclassMetrics,
  type ScoreOptions,
} from './classification-metrics.ts';
import { ConfusionMatrix, compareLabels } from './confusion-matrix.ts';

/** One labelled-decision counter row: `count` decisions of `group` with this actual/predicted pair. */
export interface GroupedCount {
  readonly group: string;
  readonly actual: string;
  readonly predicted: string;
  readonly count: number;
}

/** Metrics of one group; `metrics` is `null` when the group has no decisions (nothing to score). */
export interface GroupResult<M> {
  readonly group: string;
  readonly total: number;
  readonly metrics: M | null;
}

/** Metrics per group (sorted by group key) and over all groups together. */
export interface GroupedMetrics<M> {
  readonly groups: readonly GroupResult<M>[];
  /** Metrics of the merged matrix of every group; `null` when no group has a decision. */
  readonly overall: M | null;
  readonly overallTotal: number;
}

/**
 * Key for a (task, variant) pair, unambiguous whatever characters the names contain (a JSON array),
 * so pair-level counters can be rolled up to task or variant level with `parsePairKey`.
 *
 * Complexity: O(|task| + |variant|).
 *
 * @example
 * pairKey('triage', 'gpt-b'); // '["triage","gpt-b"]'
 */
export function pairKey(task: string, variant: string): string {
  return JSON.stringify([task, variant]);
}

/**
 * Inverse of `pairKey`.
 *
 * Complexity: O(|key|).
 *
 * @throws {InvalidStatisticInputError} when `key` was not produced by `pairKey`.
 * @example
 * parsePairKey(pairKey('triage', 'b')); // { task: 'triage', variant: 'b' }
 */
export function parsePairKey(key: string): { task: string; variant: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(key);
  } catch (cause) {
    throw new InvalidStatisticInputError(`not a pair key: ${key}`, { cause });
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    typeof parsed[0] !== 'string' ||
    typeof parsed[1] !== 'string'
  ) {
    throw new InvalidStatisticInputError(`not a pair key: ${key}`);
  }
  return { task: parsed[0], variant: parsed[1] };
}

/**
 * Builds one confusion matrix per group from counter rows (rows of one group may repeat, e.g. one per
 * time bucket: they are summed).
 *
 * Source: scikit-learn `confusion_matrix`, applied per group.
 * Complexity: O(rows) time, O(cells) memory.
 *
 * @throws {InvalidStatisticInputError} when a count is negative or not a safe integer.
 * @example
 * confusionByGroup([{ group: 'triage', actual: 'a', predicted: 'b', count: 2 }]).get('triage')?.total(); // 2
 */
export function confusionByGroup(rows: Iterable<GroupedCount>): Map<string, ConfusionMatrix> {
  const groups = new Map<string, ConfusionMatrix>();
  for (const row of rows) {
    let matrix = groups.get(row.group);
    if (matrix === undefined) {
      matrix = new ConfusionMatrix();
      groups.set(row.group, matrix);
    }
    matrix.add(row.actual, row.predicted, row.count);
  }
  return groups;
}

/**
 * Re-keys groups with `keyOf` and merges the matrices that land on the same key, e.g. from (task, variant)
 * pairs to tasks: `rollUp(byPair, (k) => parsePairKey(k).task)`. The input matrices are not modified.
 *
 * Complexity: O(total cells).
 *
 * @example
 * rollUp(byPair, (key) => parsePairKey(key).variant); // per variant across tasks
 */
export function rollUp(
  groups: ReadonlyMap<string, ConfusionMatrix>,
  keyOf: (group: string) => string,
): Map<string, ConfusionMatrix> {
  const out = new Map<string, ConfusionMatrix>();
  for (const [group, matrix] of groups) {
    const key = keyOf(group);
    const target = out.get(key);
    if (target === undefined) out.set(key, matrix.clone());
    else target.merge(matrix);
  }
  return out;
}

function scoreGroups<M>(
  groups: ReadonlyMap<string, ConfusionMatrix>,
  score: (matrix: ConfusionMatrix) => M,
): GroupedMetrics<M> {
  const overall = new ConfusionMatrix();
  const results: GroupResult<M>[] = [];
  for (const group of [...groups.keys()].sort(compareLabels)) {
    const matrix = groups.get(group) ?? new ConfusionMatrix();
    overall.merge(matrix);
    const total = matrix.total();
    results.push({ group, total, metrics: total === 0 ? null : score(matrix) });
  }
  const overallTotal = overall.total();
  return { groups: results, overall: overallTotal === 0 ? null : score(overall), overallTotal };
}

/**
 * Multiclass metrics (per class, micro/macro/weighted, accuracy) for each group and for all groups merged.
 * The overall numbers are computed on the merged counts, not averaged over groups, so a small group does
 * not weigh as much as a large one.
 *
 * Source: scikit-learn `precision_recall_fscore_support` / `accuracy_score`, applied per group.
 * Complexity: O(total cells + Σ k log k) over the groups.
 *
 * @throws {InvalidStatisticInputError} when β is negative or NaN.
 * @example
 * metricsByGroup(confusionByGroup(rows)).groups.map((g) => [g.group, g.metrics?.accuracy]);
 */
export function metricsByGroup(
  groups: ReadonlyMap<string, ConfusionMatrix>,
  options: ScoreOptions = {},
): GroupedMetrics<MulticlassMetrics> {
  return scoreGroups(groups, (matrix) => multiclassMetrics(matrix, options));
}

/**
 * One-vs-rest binary metrics for `positiveLabel` in each group and for all groups merged.
 *
 * Source: scikit-learn `precision_recall_fscore_support(average='binary')`, applied per group.
 * Complexity: O(total cells).
 *
 * @throws {InvalidStatisticInputError} when β is negative or NaN.
 * @example
 * binaryMetricsByGroup(groups, { positiveLabel: 'fraud' }).overall?.recall;
 */
export function binaryMetricsByGroup(
  groups: ReadonlyMap<string, ConfusionMatrix>,
  options: ScoreOptions & { readonly positiveLabel: string },
): GroupedMetrics<BinaryMetrics> {
  return scoreGroups(groups, (matrix) => binaryMetrics(matrix, options));
}
