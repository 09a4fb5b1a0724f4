import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * A Node HTTP request as API Gateway HTTP API (payload format 2.0) hands it to a Lambda, and the Lambda's
 * result written back as API Gateway would: so `npm start` runs the real ingest handler, unchanged, behind
 * a local `POST /events`. Follows "Working with AWS Lambda proxy integrations for HTTP APIs" (AWS docs):
 * lower-cased headers joined with commas, cookies apart, text bodies as-is and others base64-encoded.
 */

/** API Gateway's payload limit: larger requests never reach the Lambda. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

export class PayloadTooLargeError extends Error {
  constructor() {
    super(`request body over ${MAX_REQUEST_BYTES} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

export interface RawRequest {
  readonly method: string;
  /** Path and query string, e.g. `/events?x=1`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly sourceIp: string;
  /** Request time, epoch ms. */
  readonly time: number;
  readonly requestId?: string;
}

const TEXT_TYPES = /^(text\/|application\/(json|[a-z.+-]*\+json|x-www-form-urlencoded|xml|javascript)\b)/i;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `20/Nov/2026:10:00:05 +0000`, the format of requestContext.time. */
function clfTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/**
 * The payload 2.0 event of a request for the route `routeKey`. O(headers + body).
 *
 * @example toApiGatewayEvent({ method: 'POST', url: '/events', headers: {}, body: Buffer.from('[]'), sourceIp: '127.0.0.1', time: 0 }, 'POST /events').body // '[]'
 */
export function toApiGatewayEvent(request: RawRequest, routeKey: string): APIGatewayProxyEventV2 {
  const queryAt = request.url.indexOf('?');
  const path = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
  const rawQueryString = queryAt === -1 ? '' : request.url.slice(queryAt + 1);
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie') {
      cookies = (Array.isArray(value) ? value : [value])
        .flatMap((c) => c.split(/;\s*/))
        .filter((c) => c !== '');
      continue;
    }
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const queryStringParameters: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(rawQueryString)) {
    queryStringParameters[k] = k in queryStringParameters ? `${queryStringParameters[k]},${v}` : v;
  }
  const contentType = headers['content-type'] ?? '';
  const hasBody = request.body.length > 0;
  const isText = contentType === '' || TEXT_TYPES.test(contentType);
  const userAgent = headers['user-agent'] ?? '';
  const host = headers.host ?? 'localhost';
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(queryStringParameters).length > 0 ? { queryStringParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method: request.method,
        path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent,
      },
      requestId: request.requestId ?? randomUUID(),
      routeKey,
      stage: '$default',
      time: clfTime(request.time),
      timeEpoch: request.time,
    },
    ...(hasBody ? { body: isText ? request.body.toString('utf8') : request.body.toString('base64') } : {}),
    isBase64Encoded: hasBody && !isText,
  };
}

/** Reads a request body, refusing more than {@link MAX_REQUEST_BYTES}. */
export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(new PayloadTooLargeError());
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Writes a Lambda's structured result as the HTTP response (status, headers, cookies, body). */
export function writeApiGatewayResult(
  response: ServerResponse,
  result: APIGatewayProxyStructuredResultV2,
): void {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k.toLowerCase()] = String(v);
  if (result.cookies && result.cookies.length > 0) headers['set-cookie'] = result.cookies;
  const body =
    result.body === undefined
      ? Buffer.alloc(0)
      : result.isBase64Encoded
        ? Buffer.from(result.body, 'base64')
        : Buffer.from(result.body, 'utf8');
  headers['content-length'] = String(body.length);
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(body);
}
