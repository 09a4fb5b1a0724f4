import { COUNTER_KINDS as K, SEPARATOR } from '../counters/counter-key.ts';

/**
 * Which of the two vectors of a range a counter lives in. Feature counters (numeric histograms, categorical
 * counts, missing values) are about nine in ten of a bucket's counters, yet only the drift ranges read them;
 * every other range reads decisions, labels, confidence and tasks. Keeping features in a vector of their own
 * lets the many ranges that need no drift add the short core vectors only.
 */
export type CounterPart = 'core' | 'features';

const SEPARATOR_CODE = SEPARATOR.charCodeAt(0);
const F_CODE = 'f'.charCodeAt(0);

/** Whether `key`'s kind (the text before the first separator, or the whole key) is `kind`. O(kind length). */
function hasKind(key: string, kind: string): boolean {
  return (
    key.startsWith(kind) && (key.length === kind.length || key.charCodeAt(kind.length) === SEPARATOR_CODE)
  );
}

/**
 * Whether a counter key is a feature counter: of kind `fn`, `fc` or `fmiss`, exactly the keys whose slots
 * land in the numericFeatures, categoricalFeatures and missingFeatures groups (counter-layout.ts). Decided
 * from the key's first characters, without a map lookup, because it is asked for every counter of every
 * bucket. O(1).
 */
export function isFeatureKey(key: string): boolean {
  if (key.charCodeAt(0) !== F_CODE) return false;
  return (
    hasKind(key, K.numericFeature) || hasKind(key, K.categoricalFeature) || hasKind(key, K.missingFeature)
  );
}

/** The part a counter key belongs to (see {@link CounterPart}). O(1). */
export function partOfKey(key: string): CounterPart {
  return isFeatureKey(key) ? 'features' : 'core';
}

/**
 * A bucket's counters already split by part, as the pipeline's reader hands them out (it files each item
 * attribute as it decodes it): the evaluation then visits the feature counters of only the buckets whose
 * features a range reads, instead of every counter of every bucket.
 */
export interface CounterParts {
  readonly core: ReadonlyMap<string, number>;
  readonly features: ReadonlyMap<string, number>;
}

/** A counter set split by part (zero counters kept, as in the set). O(keys). */
export function splitCounters(counters: ReadonlyMap<string, number>): CounterParts {
  const core = new Map<string, number>();
  const features = new Map<string, number>();
  counters.forEach((n, key) => {
    (isFeatureKey(key) ? features : core).set(key, n);
  });
  return { core, features };
}
