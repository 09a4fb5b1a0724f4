/**
 * Bundles the command line (functions/cli/main.ts) into dist/cli with esbuild: one module for what every
 * command shares and one chunk per command, loaded when that command runs; packages stay in node_modules.
 * bin/driftwatch.js runs the bundle while it is newer than every source (bin/cli-bundle.js), which spares
 * each invocation the TypeScript loader: about a second of CPU. `npm install` runs this (the prepare
 * script); run it again with `npm run build:cli`.
 *
 *   npx tsx scripts/build-cli.ts [--outdir dist/cli]
 */
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BUNDLE_DIR } from '../bin/cli-bundle.js';

/** Writes the bundle into `outdir`, replacing what was there. */
export async function buildCli(outdir = BUNDLE_DIR): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: ['functions/cli/main.ts'],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir,
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--outdir');
  await buildCli(at === -1 ? BUNDLE_DIR : process.argv[at + 1]);
}
