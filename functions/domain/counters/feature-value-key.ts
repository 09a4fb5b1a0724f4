import type { FeatureValue } from '../events/event-schema.ts';
import type { FeatureFold } from './fold-options.ts';

/** Undeclared category values are hashed into this many groups, which bounds a bucket item's size. */
export const HASHED_CATEGORY_GROUPS = 64;
export const OTHER_CATEGORY = 'other';

/** FNV-1a (32-bit): a fast, stable string hash (Fowler, Noll, Vo); not for security. O(length). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The category a categorical or boolean value is counted under. Declared categories keep their name and
 * everything else is `other`; without a declared list, values are hashed into 64 groups (`h00`…`h63`) so a
 * feature with unbounded values (ids, free text) cannot grow a bucket item without limit, and raw values —
 * which may be personal data — are never stored in the counters. Returns undefined for a missing value.
 */
export function categoryOf(feature: FeatureFold, value: FeatureValue | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = typeof value === 'string' ? value : String(value);
  if (feature.kind === 'boolean') return typeof value === 'boolean' ? text : undefined;
  if (feature.categories) return feature.categories.includes(text) ? text : OTHER_CATEGORY;
  return `h${(fnv1a(text) % HASHED_CATEGORY_GROUPS).toString().padStart(2, '0')}`;
}
