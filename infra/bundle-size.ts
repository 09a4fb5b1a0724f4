import { existsSync } from 'node:fs';
import { build } from 'esbuild';
import {
  AWS_SDK_SOURCE,
  type AwsSdkSource,
  BUNDLE_TARGET,
  ESM_REQUIRE_BANNER,
  externalModules,
  MAIN_FIELDS,
} from './bundling.ts';
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
 * Bundles one handler exactly as the deployed function is bundled (esbuild, ESM, minified, no source map,
 * target node22, the AWS SDK bundled or left to the runtime as AWS_SDK_SOURCE says, same banner and main
 * fields; the settings come from `infra/bundling.ts`, which the `DriftwatchFunction` construct uses too) and
 * returns the code; nothing is written to disk.
 *
 * @param awsSdk @default the function's AWS_SDK_SOURCE, or `runtime` for a name that is not a function
 *
 * @throws {Error} when the entry file does not exist, or esbuild fails (its message says where).
 */
export async function bundleHandler(
  name: string,
  entry: string,
  awsSdk: AwsSdkSource = awsSdkSourceOf(name),
): Promise<Uint8Array> {
  if (!existsSync(entry)) throw new Error(`cannot bundle the ${name} function: ${entry} does not exist`);
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLE_TARGET,
    minify: true,
    sourcemap: false,
    external: externalModules(awsSdk),
    mainFields: [...MAIN_FIELDS],
    banner: { js: ESM_REQUIRE_BANNER },
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (output === undefined || result.outputFiles.length !== 1) {
    throw new Error(`the ${name} bundle should be one file, esbuild wrote ${result.outputFiles.length}`);
  }
  return output.contents;
}

function awsSdkSourceOf(name: string): AwsSdkSource {
  return (AWS_SDK_SOURCE as Record<string, AwsSdkSource>)[name] ?? 'runtime';
}

/**
 * The size of each handler's bundle ({@link bundleHandler}), in memory.
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
    const bytes = (await bundleHandler(name, entry)).byteLength;
    const kilobytes = bytes / 1024;
    sizes.push({ name, entry, bytes, kilobytes, withinTarget: kilobytes <= BUNDLE_SIZE_TARGET_KB });
  }
  return sizes;
}
