import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, test } from 'vitest';
import { parseIngestBody } from '../../../functions/ingest/parse-body.ts';
import {
  type RawRequest,
  toApiGatewayEvent,
  writeApiGatewayResult,
} from '../../../functions/local/api-gateway-adapter.ts';

/** The API Gateway sample event the project keeps (events/api/post-events.json): the shape to match. */
const SAMPLE = JSON.parse(
  readFileSync(new URL('../../../events/api/post-events.json', import.meta.url), 'utf8'),
) as APIGatewayProxyEventV2;

const request = (overrides: Partial<RawRequest> = {}): RawRequest => ({
  method: 'POST',
  url: '/events',
  headers: { 'content-type': 'application/json', host: '127.0.0.1:3000', 'user-agent': 'curl/8.0' },
  body: Buffer.from('[]'),
  sourceIp: '127.0.0.1',
  time: Date.UTC(2026, 10, 20, 10, 0, 5),
  requestId: 'req-1',
  ...overrides,
});

describe('Function: toApiGatewayEvent', () => {
  test('the event has every top-level and request-context field of a real HTTP API payload 2.0 event', () => {
    // Act
    const event = toApiGatewayEvent(request({ body: Buffer.from(SAMPLE.body ?? '') }), 'POST /events');

    // Assess
    for (const key of Object.keys(SAMPLE)) expect(event).toHaveProperty(key);
    for (const key of Object.keys(SAMPLE.requestContext).filter((k) => k !== 'authorizer')) {
      expect(event.requestContext).toHaveProperty(key);
    }
    expect(Object.keys(event.requestContext.http).sort()).toEqual(
      Object.keys(SAMPLE.requestContext.http).sort(),
    );
    expect(event.requestContext.time).toBe('20/Nov/2026:10:00:05 +0000');
    expect(event.requestContext.timeEpoch).toBe(Date.UTC(2026, 10, 20, 10, 0, 5));
    expect(event.routeKey).toBe('POST /events');
  });

  test('a JSON body is passed as text and the ingest body parser reads the same events from it', () => {
    // Prepare
    const body = SAMPLE.body ?? '';

    // Act
    const event = toApiGatewayEvent(request({ body: Buffer.from(body, 'utf8') }), 'POST /events');
    const parsed = parseIngestBody(event.body, event.isBase64Encoded);

    // Assess
    expect(event.isBase64Encoded).toBe(false);
    expect(event.body).toBe(body);
    expect(parsed.ok && parsed.events).toEqual(JSON.parse(body));
  });

  test.each([
    ['application/octet-stream', true],
    ['application/json; charset=utf-8', false],
    ['application/vnd.api+json', false],
    ['text/plain', false],
    ['image/png', true],
  ])('a body of content type %s is base64-encoded: %s', (contentType, encoded) => {
    // Prepare
    const bytes = Buffer.from([0x5b, 0x5d, 0xff]);

    // Act
    const event = toApiGatewayEvent(
      request({ headers: { 'content-type': contentType }, body: bytes }),
      'POST /events',
    );

    // Assess
    expect(event.isBase64Encoded).toBe(encoded);
    expect(event.body).toBe(encoded ? bytes.toString('base64') : bytes.toString('utf8'));
  });

  test('repeated query parameters are joined with commas and cookies are split out of the headers', () => {
    // Act
    const event = toApiGatewayEvent(
      request({
        url: '/events?a=1&b=2&a=3',
        headers: { cookie: 'x=1; y=2', 'x-multi': ['p', 'q'], 'content-type': 'application/json' },
      }),
      'POST /events',
    );

    // Assess
    expect(event.rawPath).toBe('/events');
    expect(event.rawQueryString).toBe('a=1&b=2&a=3');
    expect(event.queryStringParameters).toEqual({ a: '1,3', b: '2' });
    expect(event.cookies).toEqual(['x=1', 'y=2']);
    expect(event.headers.cookie).toBeUndefined();
    expect(event.headers['x-multi']).toBe('p,q');
  });

  test('a request without a body has no body field and is not base64-encoded', () => {
    // Act
    const event = toApiGatewayEvent(request({ body: Buffer.alloc(0) }), 'POST /events');

    // Assess
    expect(event.body).toBeUndefined();
    expect(event.isBase64Encoded).toBe(false);
  });
});

describe('Function: writeApiGatewayResult', () => {
  function capture() {
    const written: { status?: number; headers?: Record<string, string | string[]>; body?: Buffer } = {};
    const response = {
      writeHead(status: number, headers: Record<string, string | string[]>) {
        written.status = status;
        written.headers = headers;
        return this;
      },
      end(body: Buffer) {
        written.body = body;
        return this;
      },
    } as unknown as ServerResponse;
    return { response, written };
  }

  test('status, lower-cased headers, cookies and the body are written with a matching content length', () => {
    // Prepare
    const { response, written } = capture();

    // Act
    writeApiGatewayResult(response, {
      statusCode: 207,
      headers: { 'Content-Type': 'application/json', 'Retry-After': 1 },
      cookies: ['a=b'],
      body: '{"ok":"é"}',
    });

    // Assess
    expect(written.status).toBe(207);
    expect(written.headers).toMatchObject({
      'content-type': 'application/json',
      'retry-after': '1',
      'set-cookie': ['a=b'],
      'content-length': String(Buffer.byteLength('{"ok":"é"}')),
    });
    expect(written.body?.toString('utf8')).toBe('{"ok":"é"}');
  });

  test('a base64-encoded result body is decoded and a missing status means 200', () => {
    // Prepare
    const { response, written } = capture();

    // Act
    writeApiGatewayResult(response, { body: Buffer.from('hi').toString('base64'), isBase64Encoded: true });

    // Assess
    expect(written.status).toBe(200);
    expect(written.body?.toString('utf8')).toBe('hi');
  });
});
