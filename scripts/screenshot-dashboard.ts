/**
 * Regenerates the README's dashboard screenshot (docs/images/dashboard.png): replays the demo week through
 * the local pipeline (as `npm run demo` does), opens the local dashboard in headless Chromium — the Debian
 * `chromium` package, never a downloaded browser — and saves a full-page PNG.
 *
 *   npx tsx scripts/screenshot-dashboard.ts [--out docs/images/dashboard.png] [--width 1400]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { demoProgressOutput, runDemoReplay } from '../functions/demo/demo-runner.ts';

const CHROMIUM = '/usr/bin/chromium';
// TOOLING.md: without the background-networking flags Chromium tries to reach the internet.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/images/dashboard.png' },
    width: { type: 'string', default: '1400' },
  },
});
const out = values.out;
const width = Number(values.width);

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const progress = demoProgressOutput({ stdout: process.stdout, stderr: process.stderr }, false);
const result = await runDemoReplay({
  onAlert: progress.onAlert,
  onProgress: progress.onProgress,
  keepOpen: async (stack) => {
    progress.stop();
    const profile = mkdtempSync(join(tmpdir(), 'driftwatch-screenshot-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width, height: 900 },
      deviceScaleFactor: 1,
    });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      await page.goto(stack.urls.dashboard, { waitUntil: 'load' });
      if (problems.length > 0) throw new Error(`the dashboard logged errors: ${problems.join('; ')}`);
      await mkdir(dirname(out), { recursive: true });
      await page.screenshot({ path: out, fullPage: true });
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  },
});
process.stdout.write(
  `${result.check.ok ? 'demo alerts as expected' : `demo alerts differ: ${result.check.problems.join('; ')}`}\nwrote ${out}\n`,
);
