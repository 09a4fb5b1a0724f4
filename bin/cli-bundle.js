import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Where scripts/build-cli.ts writes the command-line bundle, relative to the package root. */
export const BUNDLE_DIR = join('dist', 'cli');

/** The bundle's entry, relative to the package root. */
export const BUNDLE_ENTRY = join(BUNDLE_DIR, 'main.js');

/** The sources the bundle is built from, relative to the package root. */
const SOURCES = 'functions';

/** The latest modification time of a file, or of a directory and everything in it (ms). */
function newestChange(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  // A directory's own time changes when an entry is added, removed or renamed.
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

/**
 * The path of the command-line bundle under `root` when it exists and no source has changed since it was
 * built; undefined otherwise (never built, or a source edited, added or removed since), so that the caller
 * runs the sources themselves rather than a stale build. O(source files).
 */
export function freshBundle(root) {
  const entry = join(root, BUNDLE_ENTRY);
  let built;
  try {
    built = statSync(entry).mtimeMs;
  } catch {
    return undefined;
  }
  return newestChange(join(root, SOURCES)) <= built ? entry : undefined;
}
