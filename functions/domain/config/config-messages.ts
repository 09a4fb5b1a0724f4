/**
 * Wording shared by the schema and the issue formatter, so every message says what it got the same way.
 */

const MAX_SHOWN = 60;

/**
 * How a value from the document is quoted in a message: strings in double quotes (cut at 60 characters),
 * numbers and booleans as written, lists and mappings by kind — never their contents, which may be long.
 *
 * Complexity: O(1) (strings are cut before quoting).
 * @example describeValue('99.9%') // '"99.9%"'
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (value instanceof Date) return value.toISOString();
  return 'a mapping';
}

/**
 * The allowed name closest to a misspelt one, when it is close enough to be a plausible typo: at most
 * two edits (Levenshtein distance), or one for names of up to four characters.
 *
 * Complexity: O(k · n · m) for k candidates of length m and a name of length n.
 * @example closestName('objetive', ['name', 'objective', 'period']) // 'objective'
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const limit = name.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Message for keys the schema does not know, naming the likely intended key or the allowed ones. */
export function unknownKeysMessage(keys: readonly string[], allowed: readonly string[]): string {
  if (keys.length === 1) {
    const [key = ''] = keys;
    const guess = closestName(key, allowed);
    return guess === undefined
      ? `unknown key (allowed here: ${allowed.join(', ')})`
      : `unknown key (did you mean "${guess}"?)`;
  }
  return `unknown keys ${keys.map((k) => JSON.stringify(k)).join(', ')} (allowed here: ${allowed.join(', ')})`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
