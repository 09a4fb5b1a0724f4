import type * as z from 'zod';
import { type DriftwatchEvent, eventSchema } from './event-schema.ts';
import { fastValidEvent } from './fast-validate.ts';
import { EVENT_LIMITS } from './limits.ts';

/** Why one event was refused: where it is in its batch or file, which field, and what is wrong. */
export interface EventRejection {
  /** Position of the event in its batch (0-based) or line number in a file (1-based), as the caller says. */
  readonly index: number;
  /** The field, as a JSON path like `features.amount` (empty for the event as a whole). */
  readonly path: string;
  readonly reason: string;
  /** The event's id when it had a readable one, so producers can match rejections to their records. */
  readonly id?: string;
}

export type EventValidation =
  | { readonly ok: true; readonly event: DriftwatchEvent }
  | { readonly ok: false; readonly rejections: readonly EventRejection[] };

/** Formats a zod issue path as `a.b[2].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function idOf(raw: unknown): string | undefined {
  if (typeof raw === 'object' && raw !== null && 'id' in raw) {
    const id = (raw as { id: unknown }).id;
    if (typeof id === 'string' && id.length <= EVENT_LIMITS.maxIdLength) return id;
  }
  return undefined;
}

/** The reason to show: a bad record key says what is wrong with the key, not just that it is bad. */
function reasonOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key') {
    const inner = issue.issues[0];
    if (inner) return `invalid feature name: ${inner.message}`;
  }
  return issue.message;
}

function issuesToRejections(index: number, id: string | undefined, issues: readonly z.core.$ZodIssue[]) {
  return issues.map((issue) => ({
    index,
    path: formatPath(issue.path),
    reason: reasonOf(issue),
    ...(id === undefined ? {} : { id }),
  }));
}

/**
 * Validates one parsed event against the contract and its size limit.
 * `serializedBytes` is the event's size when the caller already knows it (a JSONL line's length);
 * otherwise it is measured by re-serialising. Valid events of the usual shape are recognised by the
 * hand-written fast path (fast-validate.ts); everything else goes through the zod schema, which has the
 * last word and writes every rejection message. O(size of the event).
 */
export function validateEvent(raw: unknown, index: number, serializedBytes?: number): EventValidation {
  const bytes = serializedBytes ?? Buffer.byteLength(JSON.stringify(raw) ?? '', 'utf8');
  if (bytes <= EVENT_LIMITS.maxEventBytes) {
    const event = fastValidEvent(raw);
    if (event !== undefined) return { ok: true, event };
  }
  const id = idOf(raw);
  if (bytes > EVENT_LIMITS.maxEventBytes) {
    return {
      ok: false,
      rejections: [
        {
          index,
          path: '',
          reason: `event is ${bytes} bytes; the limit is ${EVENT_LIMITS.maxEventBytes}`,
          ...(id === undefined ? {} : { id }),
        },
      ],
    };
  }
  const parsed = eventSchema.safeParse(raw);
  if (parsed.success) return { ok: true, event: parsed.data };
  return { ok: false, rejections: issuesToRejections(index, id, parsed.error.issues) };
}
