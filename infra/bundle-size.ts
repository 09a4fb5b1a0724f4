import { existsSync } from 'node:fs';
import { build } from 'esbuild';
import { BUNDLE_TARGET, ESM_REQUIRE_BANNER, EXTERNAL_MODULES, MAIN_FIELDS } from './bundling.ts';
import { HANDLER_ENTRIES, PROJECT_ROOT } from './handler-entries.ts';

/** Design target per Lambda bundle (docs: DESIGN.md, cost and speed targets). */
export const BUNDLE_SIZE_TARGET_KB = 500;

export interface BundleSize {
  readonly name: string;
  readonly entry: string;
  readonly bytes: number;
  /** bytes / 1024 */
  readonly kilobytes: number;
  readonly withinTarget: boolean;
}

/**
 * Bundles each handler exactly as the deployed function is bundled (esbuild, ESM, minified, no source map,
 * target node22, `@aws-sdk/*` and `@smithy/*` left to the runtime, same banner and main fields; the settings
 * come from `infra/bundling.ts`, which the `DriftwatchFunction` construct uses too) and returns the size of
 * each bundle in memory; nothing is written to disk.
 *
 * @param entries handler name → source file. @default every handler of HANDLER_ENTRIES
 * @throws {Error} when an entry file does not exist, or esbuild fails (its message says where).
 * @example (await measureBundleSizes()).map((b) => `${b.name} ${b.kilobytes.toFixed(1)} KB`)
 */
export async function measureBundleSizes(
  entries: Readonly<Record<string, string>> = HANDLER_ENTRIES,
): Promise<BundleSize[]> {
  const sizes: BundleSize[] = [];
  for (const [name, entry] of Object.entries(entries)) {
    if (!existsSync(entry)) throw new Error(`cannot measure the ${name} bundle: ${entry} does not exist`);
    const result = await build({
      entryPoints: [entry],
      absWorkingDir: PROJECT_ROOT,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: BUNDLE_TARGET,
      minify: true,
      sourcemap: false,
      external: [...EXTERNAL_MODULES],
      mainFields: [...MAIN_FIELDS],
      banner: { js: ESM_REQUIRE_BANNER },
      write: false,
      logLevel: 'silent',
    });
    const bytes = result.outputFiles.reduce((total, file) => total + file.contents.byteLength, 0);
    const kilobytes = bytes / 1024;
    sizes.push({ name, entry, bytes, kilobytes, withinTarget: kilobytes <= BUNDLE_SIZE_TARGET_KB });
  }
  return sizes;
}
