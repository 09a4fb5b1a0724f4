import { createServer } from 'node:net';

/**
 * Port helpers of the local stack. `0` always means "any free port", as for Node's own servers; a default port
 * that is taken falls back to a free one (a second `npm start` on the same machine still works), while a port
 * the user asked for explicitly must be free.
 */

/** Whether nothing listens on `port` on the loopback interface (by binding it for a moment). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port that was free a moment ago (the OS picks it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('the OS gave no free port'))));
    });
  });
}

export interface PortRequest {
  /** The port asked for; 0 for any. */
  readonly port: number;
  /** True when the user chose the port (a flag): then a taken port is an error, not a fallback. */
  readonly explicit: boolean;
  /** What the port is for, named in the error message. */
  readonly purpose: string;
}

/**
 * The port to use for a request: the asked port when free, any free port for 0 or for a taken default.
 *
 * @throws {Error} naming the purpose and the flag's value when an explicitly requested port is taken.
 */
export async function resolvePort(request: PortRequest): Promise<number> {
  if (request.port === 0) return freePort();
  if (await isPortFree(request.port)) return request.port;
  if (request.explicit) {
    throw new Error(
      `port ${request.port} (${request.purpose}) is in use; choose another one or 0 for any free port`,
    );
  }
  return freePort();
}
