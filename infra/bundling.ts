/**
 * How every handler is bundled. One place, read by the `DriftwatchFunction` construct (NodejsFunction runs
 * esbuild with these settings) and by `measureBundleSizes()` (which runs esbuild itself), so the size the
 * benchmark reports is the size that is deployed.
 *
 * No CDK imports here: `npm run bench` loads this file without the CDK.
 */
import type { HandlerName } from './handler-entries.ts';

/** esbuild target matching the Lambda runtime (Runtime.NODEJS_22_X). */
export const BUNDLE_TARGET = 'node22';

/**
 * Where a function's AWS SDK comes from. `runtime`: left out of the bundle, because the Node.js 22 Lambda
 * runtime ships it (NodejsFunction's default). `bundled`: tree-shaken into the bundle, which pins the version
 * the tests ran against and loads one file instead of hundreds: measured with `bench/cold-init.ts`, importing
 * the ingest bundle took about a third of the time with the SDK inside (90 ms against 255 ms here).
 */
export type AwsSdkSource = 'bundled' | 'runtime';

/**
 * Per function: bundled where the bundle stays within the 500 KB budget (ingest, aggregate and evaluate, whose
 * cold starts delay producers, the stream and the minute schedule); the runtime's for the weekly report, whose
 * S3 client alone would take it past 500 KB and whose cold start delays nobody.
 */
export const AWS_SDK_SOURCE = {
  ingest: 'bundled',
  aggregate: 'bundled',
  evaluate: 'bundled',
  report: 'runtime',
} as const satisfies Record<HandlerName, AwsSdkSource>;

/** esbuild's `external` for a function whose SDK comes from `source`. */
export function externalModules(source: AwsSdkSource): string[] {
  return source === 'runtime' ? ['@aws-sdk/*', '@smithy/*'] : [];
}

/**
 * The project is ESM (`"type": "module"`), so the bundle is ESM too: top-level await works and esbuild
 * tree-shakes ES modules better. Packages are resolved to their ESM builds first.
 */
export const MAIN_FIELDS: readonly string[] = ['module', 'main'];

/**
 * Some dependencies are CommonJS and call `require()` for Node built-ins, which does not exist in an ES
 * module; this banner defines it (the pattern Powertools for AWS Lambda documents for ESM bundles).
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __driftwatchCreateRequire } from 'node:module'; const require = __driftwatchCreateRequire(import.meta.url);";
