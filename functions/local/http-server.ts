import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IngestHandler } from '../handlers/ingest.ts';
import {
  PayloadTooLargeError,
  readBody,
  toApiGatewayEvent,
  writeApiGatewayResult,
} from './api-gateway-adapter.ts';
import type { DashboardSource } from './dashboard-data.ts';
import { renderDashboardPage } from './dashboard-page.ts';

/**
 * The local stack's one HTTP server:
 * - `POST /events` → the real ingest handler, behind the API Gateway v2 adapter;
 * - `GET /` → the dashboard page; `GET /api/dashboard.json` → its data;
 * - `GET /healthz` → 200 once everything is up.
 */

export interface LocalServerOptions {
  readonly ingest: IngestHandler;
  readonly dashboard: DashboardSource;
  readonly refreshSeconds: number;
  readonly title?: string;
  /** Called with each request's outcome (method, path, status), e.g. for a request log. */
  readonly onRequest?: (line: { method: string; path: string; status: number; ms: number }) => void;
}

export interface LocalServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(text);
}

function sendHtml(response: ServerResponse, html: string) {
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(html)),
    'cache-control': 'no-store',
  });
  response.end(html);
}

async function route(
  options: LocalServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = request.url ?? '/';
  const path = url.split('?')[0] ?? '/';
  const method = request.method ?? 'GET';
  if (path === '/events') {
    if (method !== 'POST') {
      sendJson(
        response,
        405,
        { error: { code: 'method_not_allowed', message: 'use POST /events' } },
        { allow: 'POST' },
      );
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(request);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        sendJson(response, 413, { message: 'Request Entity Too Large' });
        return;
      }
      throw error;
    }
    const event = toApiGatewayEvent(
      {
        method,
        url,
        headers: request.headers,
        body,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        time: Date.now(),
      },
      'POST /events',
    );
    writeApiGatewayResult(response, await options.ingest(event));
    return;
  }
  if (method !== 'GET' && method !== 'HEAD') {
    sendJson(response, 405, {
      error: { code: 'method_not_allowed', message: `${method} ${path} is not supported` },
    });
    return;
  }
  if (path === '/healthz') {
    sendJson(response, 200, { ok: true });
    return;
  }
  if (path === '/api/dashboard.json') {
    sendJson(response, 200, await options.dashboard.read());
    return;
  }
  if (path === '/' || path === '/index.html') {
    const data = await options.dashboard.read();
    sendHtml(
      response,
      renderDashboardPage(data, {
        refreshSeconds: options.refreshSeconds,
        ...(options.title ? { title: options.title } : {}),
      }),
    );
    return;
  }
  sendJson(response, 404, { message: 'Not Found' });
}

/**
 * Starts the server on `127.0.0.1:port` (0: any free port).
 *
 * @throws {Error} when the port is taken.
 */
export function startLocalServer(options: LocalServerOptions, port: number): Promise<LocalServer> {
  const server: Server = createServer((request, response) => {
    const started = Date.now();
    route(options, request, response)
      .catch((error: unknown) => {
        if (!response.headersSent) {
          sendJson(response, 500, {
            error: {
              code: 'internal_error',
              message: error instanceof Error ? error.message : String(error),
            },
          });
        } else response.end();
      })
      .finally(() => {
        options.onRequest?.({
          method: request.method ?? '',
          path: (request.url ?? '').split('?')[0] ?? '',
          status: response.statusCode,
          ms: Date.now() - started,
        });
      });
  });
  // Keep-alive sockets would hold close() open; nothing here needs long-lived connections.
  server.keepAliveTimeout = 1000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const actual = (server.address() as AddressInfo).port;
      resolve({
        port: actual,
        url: `http://127.0.0.1:${actual}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
