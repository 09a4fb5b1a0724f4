import type { Document, LineCounter } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { ConfigLocator, ConfigPath, ConfigPosition } from './config-issues.ts';

/**
 * Finds where a path points in a parsed YAML document: the value, else the key, else the nearest existing
 * parent. Kept apart from validation so that code validating JSON (the functions) does not bundle the YAML
 * parser.
 */
export class YamlLocator implements ConfigLocator {
  readonly #document: Document;
  readonly #lines: LineCounter;

  constructor(document: Document, lines: LineCounter) {
    this.#document = document;
    this.#lines = lines;
  }

  /** Complexity: O(path length × keys per map). */
  locate(path: ConfigPath): ConfigPosition {
    let node: unknown = this.#document.contents;
    let offset = rangeStart(node) ?? 0;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (item) => isPair(item) && isScalar(item.key) && item.key.value === segment,
        );
        if (pair === undefined) break;
        const keyStart = rangeStart(pair.key);
        node = pair.value;
        offset = rangeStart(node) ?? keyStart ?? offset;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment];
        if (item === undefined) break;
        node = item;
        offset = rangeStart(node) ?? offset;
      } else {
        break;
      }
    }
    const { line, col } = this.#lines.linePos(offset);
    return { line, column: col };
  }

  /** Locates the key itself (for unknown keys), falling back to {@link locate}. */
  locateKey(path: ConfigPath): ConfigPosition {
    if (path.length === 0) return this.locate(path);
    const parent = this.#document.getIn(path.slice(0, -1), true);
    const last = path[path.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === last);
      const start = pair === undefined ? undefined : rangeStart(pair.key);
      if (start !== undefined) {
        const { line, col } = this.#lines.linePos(start);
        return { line, column: col };
      }
    }
    return this.locate(path);
  }
}

function rangeStart(node: unknown): number | undefined {
  if (typeof node === 'object' && node !== null && 'range' in node) {
    const range = (node as { range?: readonly number[] | null }).range;
    return range?.[0];
  }
  return undefined;
}
