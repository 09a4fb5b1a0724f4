import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { FUNCTION_ENVIRONMENT } from '../../infra/function-environment.ts';
import { type IngestCounts, type IngestDeps, ingestEvents } from '../ingest/ingest-events.ts';
import { type BodyError, parseIngestBody } from '../ingest/parse-body.ts';
import type { StoreLogger } from '../store/logger.ts';
import { configFromEnv } from './config-from-env.ts';
import { optionalNumberEnv, requiredEnv } from './env.ts';

/**
 * POST /events (API Gateway HTTP API, payload v2). Thin: parse the body, let the ingest service validate and
 * store, map its per-event results to a status:
 * - 200 every event accepted or duplicate; 207 some rejected (the body says which and why);
 * - 503 + Retry-After some could not be stored now (exactly those are marked "retry"; re-sending the whole
 *   batch is safe, stored events come back as duplicates);
 * - 400 the body is not JSON (with the position) or not an array / `{ "events": [...] }`;
 * - 413 the body is over the byte limit or holds too many events.
 */

export type IngestHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** The handler takes exactly what the ingest service needs; one definition, in the service. */
export type IngestHandlerOptions = IngestDeps;

/** Seconds a producer should wait before re-sending events answered "retry". */
export const RETRY_AFTER_SECONDS = 1;

const JSON_HEADERS = { 'content-type': 'application/json' };

function respond(statusCode: number, body: unknown, headers: Record<string, string> = {}) {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

function bodyError(error: BodyError): APIGatewayProxyStructuredResultV2 {
  const { status, ...rest } = error;
  return respond(status, { error: rest });
}

function statusOf(counts: IngestCounts): 200 | 207 | 503 {
  if (counts.retry > 0) return 503;
  if (counts.rejected > 0) return 207;
  return 200;
}

/** Builds the handler around injected dependencies (tests, the local stack, the benchmark). */
export function createIngestHandler(options: IngestHandlerOptions): IngestHandler {
  const logger: StoreLogger = options.logger ?? new Logger({ serviceName: 'driftwatch-ingest' });
  const deps: IngestDeps = { ...options, logger };
  return async (event) => {
    try {
      const parsed = parseIngestBody(event.body, event.isBase64Encoded === true);
      if (!parsed.ok) {
        logger.info('ingest request refused', { status: parsed.status, code: parsed.code });
        return bodyError(parsed);
      }
      const { results, counts } = await ingestEvents(parsed.events, deps);
      const status = statusOf(counts);
      // Counts and paths only: never reasons' subjects or values, which may be personal data.
      logger.info('ingest batch', {
        status,
        events: results.length,
        ...counts,
        ...(counts.rejected > 0
          ? {
              rejectedPaths: [
                ...new Set(results.flatMap((r) => (r.status === 'rejected' ? [r.path] : []))),
              ].slice(0, 20),
            }
          : {}),
      });
      return respond(
        status,
        { ...counts, results },
        status === 503 ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {},
      );
    } catch (error) {
      // A defect, not the producer's fault: answer in JSON and let them retry.
      logger.error('ingest failed', { error: error instanceof Error ? error.name : 'unknown error' });
      return respond(500, {
        error: { code: 'internal_error', message: 'the events were not processed; send again' },
      });
    }
  };
}

let fromEnv: IngestHandler | undefined;

/**
 * The Lambda entry point, configured from the environment: EVENTS_TABLE_NAME, the monitor configuration
 * (see configFromEnv) and optionally RETENTION_DAYS. The client and handler are built once per container.
 */
export const handler: IngestHandler = async (event) => {
  fromEnv ??= (() => {
    const monitors = new Set(configFromEnv().monitors.map((m) => m.name));
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true },
    });
    return createIngestHandler({
      client,
      tableName: requiredEnv(FUNCTION_ENVIRONMENT.eventsTableName),
      isKnownMonitor: (m) => monitors.has(m),
      retentionMs: optionalNumberEnv('RETENTION_DAYS', 35) * 24 * 60 * 60 * 1000,
    });
  })();
  return fromEnv(event);
};
