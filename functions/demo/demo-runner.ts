import { MultiBar, Presets } from 'cli-progress';
import { loadConfigFile } from '../config/load-config-file.ts';
import type { MonitorConfig } from '../domain/config/config-types.ts';
import type { DriftwatchEvent } from '../domain/events/event-schema.ts';
import { formatAlert, type ReceivedAlert } from '../local/alert-printer.ts';
import { type LocalStack, type PortOption, startLocalStack } from '../local/local-stack.ts';
import { generateTraffic } from '../offline/traffic-generator.ts';
import { DEMO_CONFIG_PATH, type DemoScenario, demoScenario, demoWeekStart } from './demo-scenario.ts';
import { type AlertCheck, checkAlerts } from './expected-alerts.ts';
import { emptyTally, type PostTally, postEvents } from './post-events.ts';

/**
 * Replays the demo scenario through the local pipeline in accelerated simulated time: between two evaluation
 * times the week's events up to the later one are POSTed to /events (the real ingest handler), the Events
 * stream is read to its end into the real aggregate handler, the real evaluate handler runs as of that time,
 * and the alerts it published are read from the queue subscribed to the alerts topic and printed. Then the
 * weekly report of the replayed week is written.
 */

export interface DemoRunOptions {
  readonly configPath?: string;
  /** The week replayed starts on this Monday 00:00 UTC; default: the last complete week before now. */
  readonly weekStart?: number;
  /** Evaluation cadence outside / around the incidents (simulated ms). */
  readonly quietEveryMs?: number;
  readonly busyEveryMs?: number;
  readonly httpPort?: PortOption;
  readonly dynamodbPort?: PortOption;
  readonly emulatorPort?: PortOption;
  /** Called with each alert as it is read from the queue. */
  readonly onAlert?: (alert: ReceivedAlert) => void;
  /** Progress: the simulated time reached, events sent so far. */
  readonly onProgress?: (progress: DemoProgress) => void;
  /** Lines of narration (incidents starting, steps). */
  readonly log?: (line: string) => void;
  /** Writes the weekly report of the replayed week; called with the running stack before it stops. */
  readonly writeReport?: (context: DemoReportContext) => Promise<string | undefined>;
  /** Keep the stack running after the replay until this resolves (e.g. Ctrl-C), to browse the dashboard. */
  readonly keepOpen?: (stack: LocalStack) => Promise<void>;
  /** Stops the replay early (Ctrl-C): no report, the stack is stopped. */
  readonly signal?: AbortSignal;
}

export interface DemoProgress {
  readonly evaluations: number;
  readonly totalEvaluations: number;
  readonly simulatedTime: number;
  readonly events: number;
  readonly alerts: number;
}

export interface DemoReportContext {
  readonly stack: LocalStack;
  readonly config: MonitorConfig;
  readonly scenario: DemoScenario;
}

export interface DemoResult {
  readonly scenario: DemoScenario;
  readonly config: MonitorConfig;
  readonly alerts: readonly ReceivedAlert[];
  readonly check: AlertCheck;
  readonly events: PostTally;
  readonly evaluations: number;
  readonly failedEvaluations: number;
  readonly reportPath: string | undefined;
  readonly durationMs: number;
  /** True when the replay was stopped before the end of the week. */
  readonly aborted: boolean;
}

const ANY: PortOption = { port: 0, explicit: true };

/**
 * Runs the replay; resolves once the stack is stopped again.
 *
 * @throws {Error} when the stack cannot start or the ingest API refuses events.
 */
export async function runDemoReplay(options: DemoRunOptions = {}): Promise<DemoResult> {
  const started = Date.now();
  const configPath = options.configPath ?? DEMO_CONFIG_PATH;
  const { config } = await loadConfigFile(configPath);
  const scenario = demoScenario(options.weekStart ?? demoWeekStart(Date.now()), {
    ...(options.quietEveryMs === undefined ? {} : { quietEveryMs: options.quietEveryMs }),
    ...(options.busyEveryMs === undefined ? {} : { busyEveryMs: options.busyEveryMs }),
  });
  const log = options.log ?? (() => {});
  const alerts: ReceivedAlert[] = [];
  const stack = await startLocalStack({
    config,
    configPath,
    httpPort: options.httpPort ?? ANY,
    dynamodbPort: options.dynamodbPort ?? ANY,
    emulatorPort: options.emulatorPort ?? ANY,
    evaluateEveryMs: null,
    streamPollMs: null,
    autoReceiveAlerts: false,
    onAlert: (alert) => {
      alerts.push(alert);
      options.onAlert?.(alert);
    },
    dashboardHistoryMs: 7 * 86_400_000,
    dashboardRefreshSeconds: 5,
    dashboardTitle: 'driftwatch — demo week',
    log,
    // The evaluator reads right after the aggregator's writes: read them back for certain.
    consistentRead: true,
  });
  let reportPath: string | undefined;
  const tally = emptyTally();
  let evaluations = 0;
  let failedEvaluations = 0;
  try {
    const traffic = generateTraffic(scenario.traffic);
    let next = traffic.next();
    const announced = new Set<number>();
    for (const time of scenario.evaluationTimes) {
      if (options.signal?.aborted) break;
      for (const [i, incident] of scenario.incidents.entries()) {
        if (!announced.has(i) && incident.from <= time) {
          announced.add(i);
          log(
            `${new Date(incident.from).toISOString().slice(0, 16)}Z  scenario: ${describeIncident(incident)}`,
          );
        }
      }
      const batch: DriftwatchEvent[] = [];
      while (!next.done && Date.parse(next.value.time) <= time) {
        batch.push(next.value);
        next = traffic.next();
      }
      if (batch.length > 0) await postEvents(stack.urls.events, batch, { tally, concurrency: 3 });
      await stack.drainStream();
      try {
        await stack.evaluate(time);
      } catch (error) {
        failedEvaluations++;
        log(
          `evaluation as of ${new Date(time).toISOString()} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      evaluations++;
      await stack.drainAlerts();
      options.onProgress?.({
        evaluations,
        totalEvaluations: scenario.evaluationTimes.length,
        simulatedTime: time,
        events: tally.accepted + tally.duplicate + tally.rejected,
        alerts: alerts.length,
      });
    }
    if (!options.signal?.aborted) {
      if (options.writeReport) reportPath = await options.writeReport({ stack, config, scenario });
      if (options.keepOpen) await options.keepOpen(stack);
    }
  } finally {
    await stack.stop();
  }
  return {
    scenario,
    config,
    alerts,
    check: checkAlerts(scenario.expectedAlerts, alerts),
    events: tally,
    evaluations,
    failedEvaluations,
    reportPath,
    durationMs: Date.now() - started,
    aborted: evaluations < scenario.evaluationTimes.length,
  };
}

function describeIncident(incident: DemoScenario['incidents'][number]): string {
  const until = new Date(incident.to).toISOString().slice(0, 16);
  switch (incident.kind) {
    case 'regression':
      return `${incident.monitor}'s ${incident.variant} starts answering at ${incident.accuracy * 100}% accuracy (until ${until}Z)`;
    case 'outage':
      return `${incident.monitor} goes down: every task fails (until ${until}Z)`;
    case 'drift':
      return `${incident.monitor}'s ${incident.feature} values grow ${incident.magnitude}x (until ${until}Z)`;
  }
}

export interface DemoCliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * A progress bar on a terminal (cli-progress; alerts and narration are printed above it), or a line per
 * simulated day otherwise. Returns the callbacks and a function that ends the bar.
 */
export function demoProgressOutput(io: DemoCliIo, color: boolean) {
  const tty = io.stderr.isTTY === true;
  const bars = tty
    ? new MultiBar(
        {
          format: ' {bar} {percentage}% | {day} | {events} events | {alerts} alerts',
          hideCursor: true,
          clearOnComplete: true,
          stream: io.stderr,
        },
        Presets.shades_classic,
      )
    : undefined;
  const bar = bars?.create(1, 0, { day: '', events: 0, alerts: 0 });
  let lastDay = -1;
  const print = (text: string) => {
    if (bars) bars.log(`${text}\n`);
    else io.stdout.write(`${text}\n`);
  };
  return {
    print,
    onAlert: (alert: ReceivedAlert) => print(formatAlert(alert, color)),
    onProgress: (p: DemoProgress) => {
      const day = new Date(p.simulatedTime).toISOString();
      const label = `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(p.simulatedTime).getUTCDay()]} ${day.slice(11, 16)}Z`;
      if (bar) {
        bar.setTotal(p.totalEvaluations);
        bar.update(p.evaluations, { day: label, events: p.events, alerts: p.alerts });
      } else {
        const dayIndex = Math.floor(p.simulatedTime / 86_400_000);
        if (dayIndex !== lastDay) {
          lastDay = dayIndex;
          io.stderr.write(
            `replaying ${day.slice(0, 10)} (${p.evaluations}/${p.totalEvaluations} evaluations, ${p.events} events)\n`,
          );
        }
      }
    },
    stop: () => bars?.stop(),
  };
}
