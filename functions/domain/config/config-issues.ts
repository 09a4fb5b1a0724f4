import type * as z from 'zod';
import { DomainError } from '../errors.ts';
import { describeValue } from './config-messages.ts';

export type ConfigPath = readonly (string | number)[];

/** One problem in a configuration file, located as precisely as the YAML parser allows. */
export class ConfigIssue {
  readonly file: string;
  /** Dotted path with list indices, e.g. `monitors[0].slos[1].objective`; empty for the whole file. */
  readonly path: string;
  /** 1-based line and column of the offending value, when known. */
  readonly line?: number;
  readonly column?: number;
  readonly message: string;

  constructor(fields: { file: string; path: string; line?: number; column?: number; message: string }) {
    this.file = fields.file;
    this.path = fields.path;
    if (fields.line !== undefined) this.line = fields.line;
    if (fields.column !== undefined) this.column = fields.column;
    this.message = fields.message;
  }

  /** `file:line:col: path: reason` — the compiler convention editors and terminals make clickable. */
  toString(): string {
    const where = this.line === undefined ? this.file : `${this.file}:${this.line}:${this.column ?? 1}`;
    return this.path === '' ? `${where}: ${this.message}` : `${where}: ${this.path}: ${this.message}`;
  }
}

/** A valid configuration that probably does not do what its author wants (e.g. an alert that can never fire). */
export class ConfigWarning extends ConfigIssue {
  /** Stable identifier of the kind of warning, e.g. `alert-never-fires`. */
  readonly code: string;

  constructor(fields: {
    code: string;
    file: string;
    path: string;
    line?: number;
    column?: number;
    message: string;
  }) {
    super(fields);
    this.code = fields.code;
  }
}

/** The configuration cannot be used. The message lists every issue, one per line. */
export class ConfigError extends DomainError {
  readonly file: string;
  readonly issues: readonly ConfigIssue[];

  constructor(file: string, issues: readonly ConfigIssue[], options?: { cause?: unknown }) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(
      `${file}: invalid configuration (${count}):\n${issues.map((i) => `  ${String(i)}`).join('\n')}`,
      options,
    );
    this.name = 'ConfigError';
    this.file = file;
    this.issues = issues;
  }
}

/**
 * `monitors[0].slos[1].objective` from `['monitors', 0, 'slos', 1, 'objective']`.
 * Complexity: O(path length).
 * @example formatPath(['monitors', 0, 'name']) // 'monitors[0].name'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

/** 1-based line and column of a place in the configuration's text. */
export interface ConfigPosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Finds where a path points in the configuration's text. A configuration built in code or read from JSON
 * in a function has no text positions: {@link NO_POSITIONS}.
 */
export interface ConfigLocator {
  locate(path: ConfigPath): ConfigPosition | undefined;
  /** Where the key itself is (for unknown keys). */
  locateKey(path: ConfigPath): ConfigPosition | undefined;
}

/** The locator of a configuration without text: issues carry paths only. */
export const NO_POSITIONS: ConfigLocator = {
  locate: () => undefined,
  locateKey: () => undefined,
};

/**
 * Turns zod issues into located {@link ConfigIssue}s in document order. Unions are unwrapped to the branch
 * the author evidently meant (the only one that failed below the union's own level); unknown keys get one
 * issue each, at the key.
 *
 * Complexity: O(issues × path length).
 */
export function issuesFromZod(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  file: string,
  locator: ConfigLocator,
): ConfigIssue[] {
  const located: ConfigIssue[] = [];
  const add = (path: ConfigPath, message: string, atKey = false) => {
    const position = atKey ? locator.locateKey(path) : locator.locate(path);
    located.push(new ConfigIssue({ file, path: formatPath(path), ...position, message }));
  };
  const visit = (issue: z.core.$ZodIssue, prefix: ConfigPath) => {
    const path = [...prefix, ...issue.path.filter(isPathSegment)];
    if (issue.code === 'invalid_union') {
      const meant = issue.errors.filter((branch) => branch.some((inner) => inner.path.length > 0));
      const [only] = meant;
      if (meant.length === 1 && only !== undefined) {
        for (const inner of only) visit(inner, path);
        return;
      }
    }
    if (issue.code === 'unrecognized_keys') {
      if (issue.keys.length === 1) {
        add([...path, issue.keys[0] ?? ''], issue.message, true);
        return;
      }
    }
    add(path, phrase(issue, valueAt(input, path)));
  };
  for (const issue of issues) visit(issue, []);
  return sortByPosition(located);
}

const ZOD_DEFAULT_WORDING = /^(Invalid|Too (big|small)|Unrecognized)/;

/** Zod's own wording is replaced where the schema did not phrase the issue itself. */
function phrase(issue: z.core.$ZodIssue, value: unknown): string {
  if (value === undefined && issue.code === 'invalid_type') return 'is required';
  if (!ZOD_DEFAULT_WORDING.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'array'
        ? `must list at least ${String(issue.minimum)} item(s) (got ${describeValue(value)})`
        : `is too small (got ${describeValue(value)})`;
    case 'too_big':
      return issue.origin === 'array'
        ? `must list at most ${String(issue.maximum)} items`
        : `is too large (got ${describeValue(value)})`;
    default:
      return `is not valid here (got ${describeValue(value)})`;
  }
}

function isPathSegment(segment: PropertyKey): segment is string | number {
  return typeof segment === 'string' || typeof segment === 'number';
}

function valueAt(root: unknown, path: ConfigPath): unknown {
  let node = root;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

export function sortByPosition<T extends ConfigIssue>(issues: readonly T[]): T[] {
  return [...issues].sort(
    (a, b) =>
      (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}
