import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { BUNDLE_SIZE_TARGET_KB, bundleHandler, measureBundleSizes } from '../../infra/bundle-size.ts';
import { AWS_SDK_SOURCE } from '../../infra/bundling.ts';

const handler = (name: string) => fileURLToPath(new URL(`./fixtures/handlers/${name}.ts`, import.meta.url));

describe('Function: measureBundleSizes', () => {
  test('the AWS SDK is left out of the bundle, as NodejsFunction does on the Node.js 22 runtime', async () => {
    // Act
    const [sdkOnly] = await measureBundleSizes({ sdkOnly: handler('sdk-only') });

    // Assess: the SDK client alone is several hundred KB minified; the handler without it is a few hundred bytes.
    expect(sdkOnly?.bytes).toBeGreaterThan(0);
    expect(sdkOnly?.kilobytes).toBeLessThan(2);
  });

  test('a function whose SDK is bundled carries the SDK client in its code, tree-shaken', async () => {
    // Act
    const runtime = await bundleHandler('sdkOnly', handler('sdk-only'), 'runtime');
    const bundled = await bundleHandler('sdkOnly', handler('sdk-only'), 'bundled');

    // Assess: the DynamoDB client with its middleware is well over 100 KB minified, and imports nothing from
    // @aws-sdk at run time.
    expect(bundled.byteLength - runtime.byteLength).toBeGreaterThan(100 * 1024);
    expect(new TextDecoder().decode(bundled)).not.toMatch(/from\s*"@aws-sdk\//);
    expect(new TextDecoder().decode(runtime)).toMatch(/from\s*"@aws-sdk\/client-dynamodb"/);
  });

  test('every deployed function within the budget, the SDK bundled where it fits', async () => {
    // Act
    const sizes = await measureBundleSizes();

    // Assess
    expect(sizes.map((s) => s.name).sort()).toEqual(Object.keys(AWS_SDK_SOURCE).sort());
    for (const size of sizes) expect(size.withinTarget, `${size.name}: ${size.kilobytes} KB`).toBe(true);
  });

  test('a bundled dependency is counted, in KB of 1,024 bytes, against the 500 KB target', async () => {
    // Act
    const [withDependency] = await measureBundleSizes({ withDependency: handler('with-dependency') });

    // Assess: yaml minified is tens of KB.
    expect(withDependency?.kilobytes).toBeGreaterThan(20);
    expect(withDependency?.kilobytes).toBeCloseTo((withDependency?.bytes ?? 0) / 1024, 10);
    expect(withDependency?.withinTarget).toBe(
      (withDependency?.kilobytes ?? Infinity) <= BUNDLE_SIZE_TARGET_KB,
    );
  });

  test('a missing handler file is an error naming it', async () => {
    // Act
    const act = measureBundleSizes({ ghost: '/nowhere/ghost.ts' });

    // Assess
    await expect(act).rejects.toThrow('cannot bundle the ghost function: /nowhere/ghost.ts does not exist');
  });
});
