#!/usr/bin/env node
// The `driftwatch` command. It runs the bundle `npm install` builds (dist/cli, see scripts/build-cli.ts),
// which starts about a second of CPU sooner; when there is none, or a source changed since it was built,
// it runs the TypeScript sources through tsx's loader, so an edit takes effect at once.
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshBundle } from './cli-bundle.js';

const bundle = freshBundle(dirname(dirname(fileURLToPath(import.meta.url))));
if (bundle === undefined) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../functions/cli/main.ts');
} else {
  await import(pathToFileURL(bundle).href);
}
