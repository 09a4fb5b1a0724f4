import { DEFAULT_CONFIG_PATH, loadConfigFile } from '../config/load-config-file.ts';
import type { MonitorConfig } from '../domain/config/config-types.ts';
import { formatDuration, parseDuration } from '../domain/slo/durations.ts';
import { formatAlert, type ReceivedAlert } from '../local/alert-printer.ts';
import {
  DEFAULT_DYNAMODB_PORT,
  DEFAULT_EMULATOR_PORT,
  DEFAULT_HTTP_PORT,
  type LocalStack,
  type PortOption,
  startLocalStack,
} from '../local/local-stack.ts';

/**
 * `driftwatch start` (`npm start`): the whole pipeline on this machine until Ctrl-C. Prints where to send
 * events, the dashboard's address, a curl example and the configuration in use; then every alert as it
 * arrives from the queue subscribed to the alerts topic.
 */

export interface StartCommandOptions {
  /** HTTP port of POST /events and the dashboard (string from the command line). */
  readonly port?: string;
  readonly dynamodbPort?: string;
  readonly snsPort?: string;
  readonly config?: string;
  /** Keep DynamoDB Local's data in this directory between runs. */
  readonly data?: string;
  /** Evaluation cadence, e.g. `1m` (default) or `5s`. */
  readonly evaluateEvery?: string;
  /** How far back the dashboard's charts go, e.g. `24h`. */
  readonly history?: string;
  readonly verbose?: boolean;
}

export interface StartIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
}

/** A second signal sooner than this after the first is the same Ctrl-C delivered twice (see runStart). */
const DUPLICATE_SIGNAL_MS = 2000;

function portOption(value: string | undefined, fallback: number, flag: string): PortOption {
  if (value === undefined) return { port: fallback, explicit: false };
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`${flag}: "${value}" is not a port number (0 to 65535; 0 picks a free port)`);
  }
  return { port, explicit: true };
}

function durationOption(value: string | undefined, fallback: number, flag: string, min: number): number {
  if (value === undefined) return fallback;
  let ms: number;
  try {
    ms = parseDuration(value);
  } catch (error) {
    throw new Error(`${flag}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (ms < min) throw new Error(`${flag}: must be at least ${formatDuration(min)} (got ${value})`);
  return ms;
}

/** A POST /events body with one decision of the first monitor, for the printed curl example. */
export function exampleEvents(config: MonitorConfig, now: number): string {
  const monitor = config.monitors[0];
  const name = monitor?.name ?? 'my-agent';
  const time = new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const predicted = monitor?.positiveLabel ?? 'approve';
  const features: Record<string, string | number | boolean> = {};
  for (const f of (monitor?.drift?.features ?? []).slice(0, 2)) {
    features[f.name] = f.kind === 'numeric' ? 42 : f.kind === 'boolean' ? true : (f.categories?.[0] ?? 'a');
  }
  return JSON.stringify([
    {
      type: 'decision',
      id: 'example-1',
      monitor: name,
      time,
      predicted,
      ...(Object.keys(features).length > 0 ? { features } : {}),
    },
    { type: 'label', id: 'example-1-label', monitor: name, time, decisionId: 'example-1', actual: predicted },
  ]);
}

function banner(
  stack: LocalStack,
  config: MonitorConfig,
  configPath: string,
  evaluateEveryMs: number,
  data?: string,
) {
  const monitors = config.monitors.map((m) => m.name).join(', ');
  const body = exampleEvents(config, Date.now()).replace(/'/g, "'\\''");
  return [
    '',
    `driftwatch is running on this machine (${config.monitors.length} monitors: ${monitors})`,
    '',
    `  config      ${configPath}`,
    `  POST events ${stack.urls.events}`,
    `  dashboard   ${stack.urls.dashboard}`,
    `  JSON        ${stack.urls.dashboardJson}`,
    `  DynamoDB    ${stack.urls.dynamodb}  (tables ${stack.tables.events}, ${stack.tables.state}; ${
      data ? `data in ${data}${stack.reusedData ? ', reused' : ''}` : 'in memory'
    })`,
    `  SNS/SQS     ${stack.urls.snsSqs}  (alerts topic ${stack.alertsTopicArn})`,
    '',
    'Send events:',
    `  curl -s -X POST ${stack.urls.events} -H 'content-type: application/json' -d '${body}'`,
    '',
    `Evaluating every ${formatDuration(evaluateEveryMs)}; alerts are printed here as they arrive. Ctrl-C stops everything.`,
    '',
  ].join('\n');
}

/**
 * Runs the local stack until SIGINT or SIGTERM, then stops every part (the java process included) and
 * resolves. A second signal while stopping exits at once (the java child is killed on exit).
 *
 * @throws {Error} for invalid flags, an invalid configuration, or a service that cannot start.
 */
export async function runStart(
  options: StartCommandOptions,
  io: StartIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<void> {
  const configPath = options.config ?? DEFAULT_CONFIG_PATH;
  const httpPort = portOption(options.port, DEFAULT_HTTP_PORT, '--port');
  const dynamodbPort = portOption(options.dynamodbPort, DEFAULT_DYNAMODB_PORT, '--dynamodb-port');
  const emulatorPort = portOption(options.snsPort, DEFAULT_EMULATOR_PORT, '--sns-port');
  const evaluateEveryMs = durationOption(options.evaluateEvery, 60_000, '--evaluate-every', 1000);
  const historyMs = durationOption(options.history, 24 * 3_600_000, '--history', 3_600_000);
  const { config, warnings } = await loadConfigFile(configPath);
  for (const w of warnings) io.stderr.write(`warning: ${w.toString()}\n`);
  const color = io.stdout.isTTY === true && process.env.NO_COLOR === undefined;
  const print = (line: string) => io.stdout.write(`${line}\n`);
  const stack = await startLocalStack({
    config,
    configPath,
    httpPort,
    dynamodbPort,
    emulatorPort,
    ...(options.data ? { dataDir: options.data } : {}),
    evaluateEveryMs,
    streamPollMs: 1000,
    onAlert: (alert: ReceivedAlert) => print(formatAlert(alert, color)),
    autoReceiveAlerts: true,
    dashboardHistoryMs: historyMs,
    dashboardRefreshSeconds: Math.min(30, Math.max(5, Math.round(evaluateEveryMs / 2000))),
    log: (line) => io.stderr.write(`${line}\n`),
    verbose: options.verbose ?? false,
  });
  print(banner(stack, config, configPath, evaluateEveryMs, options.data));

  await new Promise<void>((resolve) => {
    let stoppingSince: number | undefined;
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const onSignal = (signal: NodeJS.Signals) => {
      if (stoppingSince !== undefined) {
        // tsx relays a Ctrl-C to this process when it does not see it arrive here within 30 ms, so one
        // keypress can arrive twice: only a signal well after the first means "stop waiting".
        if (Date.now() - stoppingSince < DUPLICATE_SIGNAL_MS) return;
        io.stderr.write(`${signal} again: exiting now\n`);
        process.exit(130);
      }
      stoppingSince = Date.now();
      io.stderr.write(`\n${signal}: stopping…\n`);
      stack
        .stop()
        .catch((error: unknown) => io.stderr.write(`error while stopping: ${String(error)}\n`))
        .finally(() => {
          for (const s of signals) process.off(s, onSignal);
          io.stderr.write('stopped.\n');
          resolve();
        });
    };
    for (const s of signals) process.on(s, onSignal);
  });
}
