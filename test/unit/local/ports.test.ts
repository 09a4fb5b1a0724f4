import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort, isPortFree, resolvePort } from '../../../functions/local/ports.ts';

describe('Function: resolvePort', () => {
  let taken: Server;
  let takenPort = 0;

  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    takenPort = typeof address === 'object' && address ? address.port : 0;
  });

  afterAll(async () => {
    await new Promise((resolve) => taken.close(resolve));
  });

  test('a free port asked for is used as it is', async () => {
    // Prepare
    const port = await freePort();

    // Act & Assess
    expect(await resolvePort({ port, explicit: true, purpose: 'test' })).toBe(port);
  });

  test('port 0 gives a free port', async () => {
    // Act
    const port = await resolvePort({ port: 0, explicit: true, purpose: 'test' });

    // Assess
    expect(port).toBeGreaterThan(0);
    expect(await isPortFree(port)).toBe(true);
  });

  test('a taken default port falls back to a free one', async () => {
    // Act
    const port = await resolvePort({ port: takenPort, explicit: false, purpose: 'test' });

    // Assess
    expect(port).not.toBe(takenPort);
    expect(await isPortFree(port)).toBe(true);
  });

  test('a taken port asked for explicitly is an error naming the port and its purpose', async () => {
    // Act & Assess
    await expect(resolvePort({ port: takenPort, explicit: true, purpose: 'DynamoDB Local' })).rejects.toThrow(
      `port ${takenPort} (DynamoDB Local) is in use`,
    );
  });
});
