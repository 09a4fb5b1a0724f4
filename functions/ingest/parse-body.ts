import { EVENT_LIMITS } from '../domain/events/limits.ts';
import { jsonErrorPosition } from './json-error-position.ts';

/**
 * The ingest request body: a JSON array of events, or an object with an `events` array, possibly base64-encoded
 * by API Gateway. Size and count limits are checked before any event is looked at, and syntax errors say where
 * they are (offset, line, column) without quoting the body, which may hold personal data.
 */

export interface BodyError {
  readonly status: 400 | 413;
  readonly code: 'empty_body' | 'invalid_json' | 'invalid_shape' | 'body_too_large' | 'too_many_events';
  readonly message: string;
  /** UTF-16 offset of a JSON syntax error, with its 1-based line and column. */
  readonly position?: number;
  readonly line?: number;
  readonly column?: number;
}

export type ParsedBody =
  | { readonly ok: true; readonly events: readonly unknown[] }
  | ({ readonly ok: false } & BodyError);

export interface BodyLimits {
  readonly maxBatchBytes: number;
  readonly maxBatchEvents: number;
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

/** V8's description of a syntax error without any quoted text, e.g. "Unexpected token ']'". */
function syntaxReason(error: unknown): string {
  const message = error instanceof Error ? error.message : 'invalid JSON';
  const token = /^Unexpected token '(.)'/u.exec(message);
  if (token) return `Unexpected token '${token[1]}'`;
  return message.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*$/s, '');
}

/**
 * Decodes, size-checks and parses an ingest body into the list of raw events. O(body length).
 *
 * @example
 * parseIngestBody('[{"type":"decision"}]', false); // { ok: true, events: [{ type: 'decision' }] }
 * parseIngestBody('[1,', false).status;             // 400, with position 3
 */
export function parseIngestBody(
  body: string | undefined,
  isBase64Encoded: boolean,
  limits: BodyLimits = EVENT_LIMITS,
): ParsedBody {
  if (body === undefined || body.length === 0) {
    return {
      ok: false,
      status: 400,
      code: 'empty_body',
      message: 'the body is empty; send a JSON array of events',
    };
  }
  const tooLarge = (bytes: number): ParsedBody => ({
    ok: false,
    status: 413,
    code: 'body_too_large',
    message: `the body is ${bytes} bytes; the limit is ${limits.maxBatchBytes}`,
  });
  // Cheap upper bound first, so a huge body is refused before it is decoded.
  if (isBase64Encoded && Math.floor((body.length * 3) / 4) > limits.maxBatchBytes + 2) {
    return tooLarge(Math.floor((body.length * 3) / 4));
  }
  const bytes = isBase64Encoded ? Buffer.from(body, 'base64') : undefined;
  const size = bytes ? bytes.byteLength : Buffer.byteLength(body, 'utf8');
  if (size > limits.maxBatchBytes) return tooLarge(size);
  let text = bytes ? bytes.toString('utf8') : body;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) {
      return {
        ok: false,
        status: 400,
        code: 'invalid_json',
        message: 'the body is nested too deeply to parse',
      };
    }
    const position = jsonErrorPosition(text) ?? 0;
    const { line, column } = lineAndColumn(text, position);
    return {
      ok: false,
      status: 400,
      code: 'invalid_json',
      message: `the body is not valid JSON: ${syntaxReason(error)} at position ${position} (line ${line}, column ${column})`,
      position,
      line,
      column,
    };
  }
  let events: unknown;
  if (Array.isArray(parsed)) events = parsed;
  else if (typeof parsed === 'object' && parsed !== null && 'events' in parsed) events = parsed.events;
  if (!Array.isArray(events)) {
    return {
      ok: false,
      status: 400,
      code: 'invalid_shape',
      message: 'the body must be a JSON array of events or an object with an "events" array',
    };
  }
  if (events.length > limits.maxBatchEvents) {
    return {
      ok: false,
      status: 413,
      code: 'too_many_events',
      message: `the body holds ${events.length} events; the limit is ${limits.maxBatchEvents} per request`,
    };
  }
  return { ok: true, events };
}
