/**
 * How every handler is bundled. One place, read by the `DriftwatchFunction` construct (NodejsFunction runs
 * esbuild with these settings) and by `measureBundleSizes()` (which runs esbuild itself), so the size the
 * benchmark reports is the size that is deployed.
 *
 * No CDK imports here: `npm run bench` loads this file without the CDK.
 */

/** esbuild target matching the Lambda runtime (Runtime.NODEJS_22_X). */
export const BUNDLE_TARGET = 'node22';

/**
 * Left out of the bundle because the Node.js 22 Lambda runtime ships them: NodejsFunction's default for
 * Node ≥ 18 runtimes with the `@aws-cdk/aws-lambda-nodejs:sdkV3ExcludeSmithyPackages` flag (set in
 * cdk.json). Bundling the SDK would pin its version but add 200–600 KB per function and cold-start time.
 */
export const EXTERNAL_MODULES: readonly string[] = ['@aws-sdk/*', '@smithy/*'];

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
