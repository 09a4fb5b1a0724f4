import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DashboardData, MonitorPanel } from '../../functions/local/dashboard-data.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailable } from '../browser/chromium.ts';

/**
 * `npm start` as a user runs it: a child process on free ports (with a 5-second evaluation cadence so the
 * test need not wait for the minute), events POSTed over HTTP, the alert read from the output (printed by the
 * queue subscribed to the alerts topic), the numbers read from the dashboard's JSON endpoint, the page loaded
 * in headless Chromium; then Ctrl-C (SIGINT to the process group, as a terminal sends it) and a check that
 * nothing is left running — no node, no java.
 */

const ROOT = new URL('../../', import.meta.url).pathname;
const MINUTE = 60_000;

interface Started {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly errors: () => string;
  readonly urls: { readonly events: string; readonly dashboard: string; readonly json: string };
  readonly dynamodbPort: number;
}

function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => T | undefined | Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = async () => {
      try {
        const value = await probe();
        if (value !== undefined) {
          resolve(value);
          return;
        }
      } catch {
        // not yet
      }
      if (Date.now() > deadline) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(attempt, 250);
    };
    void attempt();
  });
}

/** Java processes running DynamoDB Local on this port (scans /proc: no `ps` needed). */
function dynamoDbLocalProcesses(port: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const at = args.indexOf('-port');
      if (args.some((a) => a.includes('DynamoDBLocal.jar')) && at >= 0 && args[at + 1] === String(port)) {
        out.push(Number(entry));
      }
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startCli(): Promise<Started> {
  // `npm start -- …` as in the README, in its own process group so the test can press Ctrl-C on it.
  const child = spawn(
    'npm',
    ['start', '--', '--port', '0', '--dynamodb-port', '0', '--sns-port', '0', '--evaluate-every', '5s'],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  const banner = await waitFor('the start banner', 150_000, () => {
    if (child.exitCode !== null) throw new Error(`npm start exited early: ${stderr}`);
    return stdout.includes('Ctrl-C stops everything') ? stdout : undefined;
  }).catch((error: unknown) => {
    throw new Error(`${String(error)}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
  });
  const url = (label: string) => {
    const match = new RegExp(`${label}\\s+(http://\\S+)`).exec(banner);
    if (!match?.[1]) throw new Error(`no ${label} URL in:\n${banner}`);
    return match[1];
  };
  return {
    child,
    output: () => stdout,
    errors: () => stderr,
    urls: { events: url('POST events'), dashboard: url('dashboard'), json: url('JSON') },
    dynamodbPort: Number(new URL(url('DynamoDB')).port),
  };
}

const iso = (t: number) => new Date(t).toISOString();

/**
 * Events of the last hour (all in closed minutes): code-review-agent fails 40 reviews in a row (an outage:
 * completion 0%, burning the 99% objective at 100x), support-triage makes 40 labelled decisions with 20 true
 * positives, 5 false positives, 5 false negatives and 10 true negatives.
 */
function scenarioEvents(now: number): unknown[] {
  const end = Math.floor(now / MINUTE) * MINUTE - MINUTE;
  const events: unknown[] = [];
  for (let i = 0; i < 40; i++) {
    const start = end - 50 * MINUTE + i * 75_000;
    events.push(
      {
        type: 'task',
        id: `r${i}-s`,
        monitor: 'code-review-agent',
        time: iso(start),
        taskId: `r${i}`,
        status: 'started',
        task: 'review',
      },
      {
        type: 'task',
        id: `r${i}-e`,
        monitor: 'code-review-agent',
        time: iso(start + 10_000),
        taskId: `r${i}`,
        status: 'failed',
        task: 'review',
      },
    );
  }
  const outcomes = [
    ...Array.from({ length: 20 }, () => ['escalate', 'escalate']),
    ...Array.from({ length: 5 }, () => ['escalate', 'answer']),
    ...Array.from({ length: 5 }, () => ['answer', 'escalate']),
    ...Array.from({ length: 10 }, () => ['answer', 'answer']),
  ];
  outcomes.forEach(([predicted, actual], i) => {
    const time = end - 45 * MINUTE + i * 60_000;
    events.push(
      {
        type: 'decision',
        id: `d${i}`,
        monitor: 'support-triage',
        time: iso(time),
        predicted,
        features: { message_length: 120 + i, channel: 'email' },
      },
      {
        type: 'label',
        id: `l${i}`,
        monitor: 'support-triage',
        time: iso(time + 5000),
        decisionId: `d${i}`,
        actual,
      },
    );
  });
  return events;
}

const panel = (data: DashboardData, name: string): MonitorPanel | undefined =>
  data.monitors.find((m) => m.name === name);

describe('Function: driftwatch start (the local stack, end to end)', { timeout: 240_000 }, () => {
  let started: Started | undefined;
  let postStatus = 0;
  let postBody: { accepted?: number; rejected?: number } = {};

  beforeAll(async () => {
    started = await startCli();
    const response = await fetch(started.urls.events, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(scenarioEvents(Date.now())),
    });
    postStatus = response.status;
    postBody = (await response.json()) as typeof postBody;
  }, 200_000);

  afterAll(() => {
    // Only if a test failed before the shutdown test: do not leave the group behind.
    if (started?.child.exitCode === null && started.child.pid !== undefined) {
      try {
        process.kill(-started.child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  test('POST /events accepts every event through the API Gateway adapter and the real ingest handler', () => {
    // Assess
    expect(postStatus).toBe(200);
    expect(postBody).toMatchObject({ accepted: 160, rejected: 0 });
  });

  test('the outage pages: the completion alert arrives on the queue subscribed to the alerts topic and is printed', async () => {
    // Act
    const line = await waitFor('the page to be printed', 90_000, () =>
      started
        ?.output()
        .split('\n')
        .find((l) => /PAGE firing\s+code-review-agent\/review-completion/.test(l)),
    );

    // Assess
    expect(line).toContain('PAGE firing');
    expect(started?.output()).toMatch(/burning its error budget too fast: 100\.0x over 1h/);
  });

  test('the dashboard JSON shows the evaluated numbers: F1, precision, recall, completion, budget and the open page', async () => {
    // Act
    const data = await waitFor('an evaluation with both monitors on the dashboard', 60_000, async () => {
      const d = (await (await fetch(started?.urls.json ?? '')).json()) as DashboardData;
      const triage = panel(d, 'support-triage');
      const review = panel(d, 'code-review-agent');
      return triage?.quality?.labelled === 40 && review?.openAlerts.length ? d : undefined;
    });

    // Assess
    const triage = panel(data, 'support-triage');
    const review = panel(data, 'code-review-agent');
    expect(data.monitors.map((m) => m.name)).toEqual([
      'support-triage',
      'code-review-agent',
      'fraud-screening',
    ]);
    expect(triage?.headlineWindow).toBe('1h');
    expect(triage?.quality?.precision).toBeCloseTo(20 / 25, 10);
    expect(triage?.quality?.recall).toBeCloseTo(20 / 25, 10);
    expect(triage?.quality?.f1).toBeCloseTo(0.8, 10);
    expect(review?.completion).toMatchObject({ ratio: 0, tasks: 40 });
    const completion = review?.slos.find((s) => s.name === 'review-completion');
    expect(completion?.firing).toBe('page');
    expect(completion?.burnRates['1h']).toBeCloseTo(100, 6);
    expect(completion?.budgetRemaining).toBeLessThan(0);
    expect(review?.openAlerts).toContainEqual(
      expect.objectContaining({ kind: 'slo', subject: 'review-completion', severity: 'page' }),
    );
  });

  test.skipIf(!chromiumAvailable())(
    'the dashboard page renders in headless Chromium without console errors and shows every configured monitor',
    async () => {
      // Prepare
      const profile = mkdtempSync(join(tmpdir(), 'driftwatch-dashboard-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS.filter((a) => a !== '--headless'),
        viewport: { width: 1280, height: 1600 },
        timeout: 60_000,
      });
      const problems: string[] = [];
      try {
        const page = await context.newPage();
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
        });
        page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
        page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));

        // Act
        await page.goto(started?.urls.dashboard ?? '', { waitUntil: 'load' });
        const before = await page.$$eval('section.monitor', (s) =>
          s.map((e) => e.getAttribute('data-monitor')),
        );
        const charts = await page.$$eval('section.monitor svg path', (paths) => paths.length);
        // The page refreshes itself every 5 seconds; let it do so once.
        await page.waitForTimeout(6_000);
        const after = await page.$$eval('section.monitor', (s) =>
          s.map((e) => e.getAttribute('data-monitor')),
        );
        const badge = await page.textContent('section[data-monitor="code-review-agent"] .alerts');

        // Assess
        expect(before).toEqual(['support-triage', 'code-review-agent', 'fraud-screening']);
        expect(after).toEqual(before);
        expect(charts).toBeGreaterThan(0);
        expect(badge).toContain('PAGE review-completion');
        expect(problems).toEqual([]);
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    },
  );

  test('Ctrl-C stops everything: the command exits cleanly and no node or java process is left', async () => {
    // Prepare
    const child = started?.child;
    const pid = child?.pid;
    const port = started?.dynamodbPort ?? 0;
    expect(dynamoDbLocalProcesses(port).length).toBe(1);
    const exited = new Promise<string>((resolve) =>
      child?.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)),
    );

    // Act
    if (pid !== undefined) process.kill(-pid, 'SIGINT');
    const how = await exited;
    await waitFor('the process group to end', 20_000, () => (alive(pid) ? undefined : true));

    // Assess
    // The CLI stopped its stack and exited by itself; npm, which got the same Ctrl-C, ends with it.
    expect(started?.errors()).toContain('SIGINT: stopping');
    expect(started?.errors()).toContain('stopped.');
    expect(['exit 0', 'exit 130', 'SIGINT']).toContain(how);
    expect(dynamoDbLocalProcesses(port)).toEqual([]);
    let groupAlive = true;
    try {
      if (pid !== undefined) process.kill(-pid, 0);
    } catch {
      groupAlive = false;
    }
    expect(groupAlive).toBe(false);
  });
});
