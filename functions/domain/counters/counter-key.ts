/**
 * Counter keys: every number the pipeline stores is a named counter in a time bucket, summed over the buckets
 * of a window. A key is a kind followed by its dimensions, joined by U+001F (the unit separator), which the
 * event contract forbids in every text field, so keys can always be split back unambiguously.
 */
export const SEPARATOR = '\u001f';

export const COUNTER_KINDS = {
  /** decisions by task and variant: dec␟task␟variant */
  decisions: 'dec',
  /** decisions whose label has arrived: lab␟task␟variant */
  labelled: 'lab',
  /** confusion counts: cm␟task␟variant␟actual␟predicted */
  confusion: 'cm',
  /** predicted label distribution (output drift): pred␟label */
  predicted: 'pred',
  /** confidence histogram, 20 equal-width bins over [0, 1]: conf␟bin */
  confidence: 'conf',
  /** numeric feature histogram (log buckets): fn␟feature␟binKey */
  numericFeature: 'fn',
  /** categorical or boolean feature counts: fc␟feature␟category */
  categoricalFeature: 'fc',
  /** missing (null or absent) feature values: fmiss␟feature */
  missingFeature: 'fmiss',
  /** tasks started by task: ts␟task */
  tasksStarted: 'ts',
  /** task outcomes in the task's start bucket: to␟task␟outcome */
  taskOutcome: 'to',
  /** task latency histogram in ms (log buckets): tl␟task␟binKey */
  taskLatency: 'tl',
} as const;

export type CounterKind = (typeof COUNTER_KINDS)[keyof typeof COUNTER_KINDS];

export function counterKey(kind: CounterKind, ...dims: readonly string[]): string {
  return dims.length === 0 ? kind : `${kind}${SEPARATOR}${dims.join(SEPARATOR)}`;
}

export interface ParsedCounterKey {
  readonly kind: string;
  readonly dims: readonly string[];
}

/**
 * Parsed keys, remembered: an evaluation decodes the same few thousand keys for every range it reads, and
 * splitting them again was a quarter of its CPU. Bounded so a stream of novel keys cannot grow it forever.
 */
const parsedKeys = new Map<string, ParsedCounterKey>();
const MAX_REMEMBERED_KEYS = 100_000;

/** Splits a key into its kind and dimensions. O(key length) the first time, O(1) after. */
export function parseCounterKey(key: string): ParsedCounterKey {
  let parsed = parsedKeys.get(key);
  if (!parsed) {
    const [kind = '', ...dims] = key.split(SEPARATOR);
    parsed = { kind, dims };
    if (parsedKeys.size >= MAX_REMEMBERED_KEYS) parsedKeys.clear();
    parsedKeys.set(key, parsed);
  }
  return parsed;
}
