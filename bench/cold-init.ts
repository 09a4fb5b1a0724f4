/**
 * Cold start of each Lambda function, measured on its real bundle: a fresh Node.js process imports the bundle
 * (what Lambda's init phase does) and then invokes the handler once with the sample event of its source from
 * `events/` (what the first request adds: clients, configuration validated from the environment, the event
 * parsed). The AWS endpoint points at a closed local port with one attempt, so the first invocation stops at
 * its first network call; the time measured is the function's own start-up work, not a round trip.
 *
 * The bundles are written under node_modules/.cache so that `@aws-sdk/*`, which the deployed bundles leave
 * to the Lambda runtime, resolves from the project's node_modules, as the runtime's copy would.
 *
 *   npx tsx bench/cold-init.ts [--runs 5]
 *
 * Reported: the median over the runs of import time and of import + first invocation. Nothing asserts a
 * limit; the target (< 200 ms, DESIGN.md) is printed beside the numbers.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleHandler } from '../infra/bundle-size.ts';
import { FUNCTION_ENVIRONMENT } from '../infra/function-environment.ts';
import { HANDLER_ENTRIES, type HandlerName, PROJECT_ROOT } from '../infra/handler-entries.ts';
import { DEFAULT_CONFIG_PATH, loadMonitorConfig } from '../infra/monitor-config.ts';
import { medianOf } from './median.ts';

/** DESIGN.md: cold init of each function. */
export const COLD_INIT_TARGET_MS = 200;

/** The sample event each function is invoked with: the source the deployed function is triggered by. */
const SAMPLE_EVENTS: Record<HandlerName, string> = {
  ingest: 'events/api/post-events.json',
  aggregate: 'events/stream/insert-decision.json',
  evaluate: 'events/schedule/evaluate.json',
  report: 'events/schedule/report.json',
};

export interface ColdInit {
  readonly name: HandlerName;
  /** Median ms to import the bundle in a fresh process. */
  readonly importMs: number;
  /** Median ms to import it and run the first invocation up to its first network call. */
  readonly firstInvocationMs: number;
  /** The same two, in CPU ms of the process (less sensitive to a busy machine than wall time). */
  readonly importCpuMs: number;
  readonly firstInvocationCpuMs: number;
  /**
   * Median ms to import only the AWS SDK packages the bundle leaves to the runtime: the part of the import
   * that is the runtime's SDK rather than driftwatch's code. Undefined when the SDK is bundled.
   */
  readonly sdkImportMs: number | undefined;
  /** The SDK packages imported from the runtime (none when the SDK is bundled). */
  readonly sdkPackages: readonly string[];
  /** How the first invocation ended (a refused connection is expected; a validation error is not). */
  readonly outcome: string;
}

interface Sample {
  readonly importMs: number;
  readonly firstInvocationMs: number;
  readonly importCpuMs: number;
  readonly firstInvocationCpuMs: number;
  readonly outcome: string;
}

/**
 * Runs in the child process: times the import and the first invocation, prints one JSON line. Kept as source
 * text because it must run in a process that has loaded nothing else.
 */
const DRIVER = `
const [bundle, eventFile] = process.argv.slice(1);
const { readFileSync } = await import('node:fs');
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const t0 = performance.now();
const c0 = process.cpuUsage();
const module = await import(bundle);
const t1 = performance.now();
const c1 = process.cpuUsage(c0);
let outcome;
try {
  const result = await module.handler(event, { awsRequestId: 'cold-init', functionName: 'cold-init' });
  outcome = 'returned ' + JSON.stringify(result).slice(0, 80);
} catch (error) {
  outcome = 'threw ' + (error && error.name) + ': ' + String(error && error.message).slice(0, 80);
}
const t2 = performance.now();
const c2 = process.cpuUsage(c0);
const cpuMs = (c) => (c.user + c.system) / 1000;
process.stdout.write(
  JSON.stringify({ importMs: t1 - t0, firstInvocationMs: t2 - t0, importCpuMs: cpuMs(c1), firstInvocationCpuMs: cpuMs(c2), outcome }) + '\\n',
);
`;

/** Imports the given packages and prints the ms it took. */
const SDK_DRIVER = `
const packages = process.argv.slice(1);
const t0 = performance.now();
for (const name of packages) await import(name);
process.stdout.write(JSON.stringify({ ms: performance.now() - t0 }) + '\\n');
`;

/** The external packages a bundle imports (`from"@aws-sdk/client-sns"` in minified ESM). */
function externalPackages(code: string): string[] {
  const names = new Set<string>();
  for (const match of code.matchAll(/from\s*["'](@(?:aws-sdk|smithy)\/[^"'/]+)["']/g)) {
    if (match[1] !== undefined) names.add(match[1]);
  }
  return [...names].sort();
}

/** Runs a driver in a fresh process and returns its last stdout line, parsed. */
function runDriver<T>(label: string, driver: string, args: readonly string[], env: NodeJS.ProcessEnv): T {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', driver, ...args], {
    cwd: PROJECT_ROOT,
    env,
    encoding: 'utf8',
  });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !line.startsWith('{')) {
    throw new Error(`${label}: no measurement (exit ${child.status}): ${child.stderr.slice(-500)}`);
  }
  return JSON.parse(line) as T;
}

/** Where the function's SDK came from, and what importing the runtime's alone costs. */
export function describeSdk(result: ColdInit): string {
  return result.sdkImportMs === undefined
    ? 'AWS SDK bundled'
    : `importing the runtime's AWS SDK alone: ${result.sdkImportMs.toFixed(0)} ms`;
}

/** The environment the CDK app gives every function, with placeholders for the resources. */
function functionEnvironment(): NodeJS.ProcessEnv {
  const closedPort = 'http://127.0.0.1:9';
  return {
    PATH: process.env.PATH,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'cold-init',
    AWS_SECRET_ACCESS_KEY: 'cold-init',
    AWS_ENDPOINT_URL: closedPort,
    AWS_MAX_ATTEMPTS: '1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    [FUNCTION_ENVIRONMENT.config]: loadMonitorConfig(DEFAULT_CONFIG_PATH, PROJECT_ROOT).json,
    [FUNCTION_ENVIRONMENT.eventsTableName]: 'driftwatch-events',
    [FUNCTION_ENVIRONMENT.stateTableName]: 'driftwatch-state',
    [FUNCTION_ENVIRONMENT.alertsTopicArn]: 'arn:aws:sns:eu-west-1:123456789012:alerts',
    [FUNCTION_ENVIRONMENT.reportsTopicArn]: 'arn:aws:sns:eu-west-1:123456789012:reports',
    [FUNCTION_ENVIRONMENT.reportBucketName]: 'driftwatch-reports',
    [FUNCTION_ENVIRONMENT.powertoolsMetricsNamespace]: 'Driftwatch',
  };
}

/**
 * Measures every function's cold start (see the file comment).
 * @throws {Error} when a bundle cannot be built or a child process prints no measurement.
 */
export async function measureColdInit(runs = 5, log: (line: string) => void = () => {}): Promise<ColdInit[]> {
  const directory = join(PROJECT_ROOT, 'node_modules', '.cache', 'driftwatch-cold-init');
  mkdirSync(directory, { recursive: true });
  const env = functionEnvironment();
  const results: ColdInit[] = [];
  for (const [name, entry] of Object.entries(HANDLER_ENTRIES) as [HandlerName, string][]) {
    const bundle = join(directory, `${name}.mjs`);
    const code = await bundleHandler(name, entry);
    writeFileSync(bundle, code);
    const sdkPackages = externalPackages(new TextDecoder().decode(code));
    const eventFile = join(PROJECT_ROOT, SAMPLE_EVENTS[name]);
    const childEnv = { ...env, POWERTOOLS_SERVICE_NAME: `driftwatch-${name}` };
    const samples: Sample[] = [];
    const sdkSamples: number[] = [];
    for (let run = 0; run < runs; run++) {
      samples.push(
        runDriver<Sample>(`cold start of ${name}`, DRIVER, [pathToFileURL(bundle).href, eventFile], childEnv),
      );
      if (sdkPackages.length > 0) {
        sdkSamples.push(
          runDriver<{ ms: number }>(`SDK import of ${name}`, SDK_DRIVER, sdkPackages, childEnv).ms,
        );
      }
    }
    const result: ColdInit = {
      name,
      importMs: medianOf(samples.map((s) => s.importMs)),
      firstInvocationMs: medianOf(samples.map((s) => s.firstInvocationMs)),
      importCpuMs: medianOf(samples.map((s) => s.importCpuMs)),
      firstInvocationCpuMs: medianOf(samples.map((s) => s.firstInvocationCpuMs)),
      sdkImportMs: sdkSamples.length === 0 ? undefined : medianOf(sdkSamples),
      sdkPackages,
      outcome: samples[0]?.outcome ?? '',
    };
    log(
      `${name}: import ${result.importMs.toFixed(0)} ms (${describeSdk(result)}), ` +
        `with first invocation ${result.firstInvocationMs.toFixed(0)} ms; CPU ${result.importCpuMs.toFixed(0)} / ` +
        `${result.firstInvocationCpuMs.toFixed(0)} ms (${result.outcome})`,
    );
    results.push(result);
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runsFlag = process.argv.indexOf('--runs');
  const runs = runsFlag === -1 ? 5 : Number(process.argv[runsFlag + 1]);
  await measureColdInit(runs, (line) => console.log(line));
  console.log(`target: < ${COLD_INIT_TARGET_MS} ms`);
}
