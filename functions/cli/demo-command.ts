import { writeDemoReport } from '../demo/demo-report.ts';
import { type DemoCliIo, demoProgressOutput, runDemoReplay } from '../demo/demo-runner.ts';
import { DEMO_CONFIG_PATH } from '../demo/demo-scenario.ts';
import { parseDuration } from '../domain/slo/durations.ts';
import type { PortOption } from '../local/local-stack.ts';
import { DEFAULT_DEMO_OUT } from './command-defaults.ts';

/**
 * `driftwatch demo` (`npm run demo`): a week of three agents' traffic with a canary regression, an outage
 * and a drifting feature, replayed through the local pipeline in a few minutes; prints each alert as it
 * fires and resolves, checks them against the ones the scenario was built to cause, and writes the weekly
 * report.
 */

export interface DemoCommandOptions {
  readonly config?: string;
  /** Directory of the weekly report. */
  readonly out?: string;
  /** Keep the stack (and its dashboard) running after the replay until Ctrl-C. */
  readonly serve?: boolean;
  /** HTTP port of the dashboard while serving. */
  readonly port?: string;
  /** Evaluation cadence outside / around the incidents, e.g. `1h` / `10m`. */
  readonly quietEvery?: string;
  readonly busyEvery?: string;
}

function port(value: string | undefined): PortOption {
  if (value === undefined) return { port: 0, explicit: true };
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new Error(`--port: "${value}" is not a port number`);
  return { port: n, explicit: true };
}

/** Aborts on the first SIGINT/SIGTERM (the replay stops and the stack shuts down); exits on the second. */
function abortOnSignal(): { readonly signal: AbortSignal; readonly dispose: () => void } {
  const controller = new AbortController();
  let first = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      // tsx may deliver one Ctrl-C twice (it relays what it does not see arrive within 30 ms).
      if (Date.now() - first < 2000) return;
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    first = Date.now();
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

function aborted(signal: AbortSignal): Promise<void> {
  return signal.aborted
    ? Promise.resolve()
    : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/**
 * Runs the demo; sets a failing exit code when the alerts differ from the scenario's.
 *
 * @throws {Error} for invalid flags or when the local stack cannot start.
 */
export async function runDemo(
  options: DemoCommandOptions,
  io: DemoCliIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<boolean> {
  const color = io.stdout.isTTY === true && process.env.NO_COLOR === undefined;
  const out = demoProgressOutput(io, color);
  const outDir = options.out ?? DEFAULT_DEMO_OUT;
  out.print('driftwatch demo: replaying a week of three agents through the local pipeline');
  out.print(
    `(config ${options.config ?? DEMO_CONFIG_PATH}; starting DynamoDB Local and the SNS/SQS emulator…)\n`,
  );
  let result: Awaited<ReturnType<typeof runDemoReplay>>;
  const stop = abortOnSignal();
  try {
    result = await runDemoReplay({
      ...(options.config ? { configPath: options.config } : {}),
      ...(options.quietEvery ? { quietEveryMs: parseDuration(options.quietEvery) } : {}),
      ...(options.busyEvery ? { busyEveryMs: parseDuration(options.busyEvery) } : {}),
      httpPort: port(options.port),
      signal: stop.signal,
      onAlert: out.onAlert,
      onProgress: out.onProgress,
      log: out.print,
      writeReport: (context) => writeDemoReport(context, outDir),
      ...(options.serve
        ? {
            keepOpen: async (stack) => {
              out.stop();
              io.stdout.write(`\nDashboard of the demo week: ${stack.urls.dashboard}  (Ctrl-C to stop)\n`);
              await aborted(stop.signal);
            },
          }
        : {}),
    });
  } finally {
    out.stop();
    stop.dispose();
  }
  if (result.aborted) {
    io.stdout.write(
      `\nStopped after ${result.evaluations} of ${result.scenario.evaluationTimes.length} evaluations.\n`,
    );
    return false;
  }
  const lines: string[] = [''];
  const seconds = (result.durationMs / 1000).toFixed(0);
  lines.push(
    `Replayed ${new Date(result.scenario.weekStart).toISOString().slice(0, 10)} to ${new Date(result.scenario.weekEnd - 1).toISOString().slice(0, 10)}: ` +
      `${result.events.accepted} events accepted, ${result.evaluations} evaluations, ${result.alerts.length} notifications, in ${seconds} s.`,
  );
  if (result.check.ok) {
    lines.push(
      `Every alert the scenario was built to cause fired and resolved on time (${result.scenario.expectedAlerts.length} alerts), and no other.`,
    );
  } else {
    lines.push('The alerts differ from the scenario:');
    for (const p of result.check.problems) lines.push(`  - ${p}`);
  }
  if (result.reportPath) lines.push(`Weekly report: ${result.reportPath}`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return result.check.ok && result.failedEvaluations === 0;
}
