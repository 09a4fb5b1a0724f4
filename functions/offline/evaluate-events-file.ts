import { readJsonlLines } from '../cli/jsonl-lines.ts';
import type { MonitorConfig } from '../domain/config/config-types.ts';
import type { CounterSet } from '../domain/counters/counter-set.ts';
import { foldOptionsLookup } from '../domain/counters/fold-options-from-config.ts';
import { evaluateMonitor } from '../domain/evaluation/evaluate-monitor.ts';
import type { MonitorEvaluation } from '../domain/evaluation/evaluation-types.ts';
import type { DriftwatchEvent } from '../domain/events/event-schema.ts';
import { validateEvent } from '../domain/events/validate-event.ts';
import {
  ColumnarPipeline,
  INGEST_ACCEPTED,
  INGEST_CONFLICT,
  INGEST_DECLINED,
  INGEST_DUPLICATE,
} from './columnar-pipeline.ts';
import { EventFields } from './event-fields.ts';
import { readEventLine } from './event-line-parser.ts';
import { InMemoryPipeline } from './in-memory-pipeline.ts';
import { readJsonlLineRanges } from './jsonl-line-ranges.ts';
import { RawSampleIndex, type RawSampleStore } from './raw-sample-index.ts';

/** One line that could not be used: where, which field, and why. */
export interface LineRejection {
  readonly line: number;
  readonly path: string;
  readonly reason: string;
}

export interface IngestTally {
  readonly lines: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly conflicts: number;
  readonly rejected: number;
  /** Rejections by reason, most frequent first. */
  readonly rejectionsByReason: Record<string, number>;
  /** The first rejections in full (at most 20), to show where the problems are. */
  readonly firstRejections: readonly LineRejection[];
}

export interface FileEvaluation {
  readonly file: string;
  readonly asOf: string;
  readonly events: IngestTally;
  readonly monitors: readonly MonitorEvaluation[];
}

/** A bad line when the caller asked to stop at the first one. */
export class InvalidEventLineError extends Error {
  constructor(
    readonly file: string,
    readonly rejection: LineRejection,
  ) {
    super(
      `${file}:${rejection.line}: ${rejection.path === '' ? '' : `${rejection.path}: `}${rejection.reason}` +
        ' (use --skip-invalid to skip and count bad lines)',
    );
    this.name = 'InvalidEventLineError';
  }
}

export interface EvaluateFileOptions {
  readonly config: MonitorConfig;
  /** Evaluation time; defaults to the minute after the latest event. */
  readonly at?: number;
  readonly skipInvalid?: boolean;
  /** Called as the file is read, with bytes read so far. */
  readonly onProgress?: (bytesRead: number) => void;
  /**
   * Read well-formed lines with the byte reader into the columnar fold (the default). False reads every line
   * with JSON.parse and validateEvent into the record-based InMemoryPipeline: the reference the fast path is
   * tested against, with identical results.
   */
  readonly fastPath?: boolean;
}

const MINUTE = 60_000;
const MAX_LISTED_REJECTIONS = 20;

function jsonError(text: string): string {
  try {
    JSON.parse(text);
    return 'not a JSON object';
  } catch (error) {
    return `not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Counts of a file's lines and the rejections, kept while it is read. */
class Tally {
  lines = 0;
  accepted = 0;
  duplicates = 0;
  conflicts = 0;
  rejected = 0;
  readonly #byReason = new Map<string, number>();
  readonly #first: LineRejection[] = [];

  constructor(
    readonly path: string,
    readonly skipInvalid: boolean,
  ) {}

  reject(rejection: LineRejection): void {
    if (!this.skipInvalid) throw new InvalidEventLineError(this.path, rejection);
    this.rejected++;
    this.#byReason.set(rejection.reason, (this.#byReason.get(rejection.reason) ?? 0) + 1);
    if (this.#first.length < MAX_LISTED_REJECTIONS) this.#first.push(rejection);
  }

  summary(): IngestTally {
    return {
      lines: this.lines,
      accepted: this.accepted,
      duplicates: this.duplicates,
      conflicts: this.conflicts,
      rejected: this.rejected,
      rejectionsByReason: Object.fromEntries([...this.#byReason].sort((a, b) => b[1] - a[1])),
      firstRejections: this.#first,
    };
  }
}

/** What the evaluation reads once every line is in. */
interface IngestedFile {
  readonly latestEventTime: number;
  readonly counters: (monitor: string, from: number, to: number) => CounterSet;
  readonly raw: RawSampleStore;
}

/**
 * Parses and validates one line exactly (JSON.parse, then validateEvent); the event, or undefined after
 * recording the line's rejection.
 */
function exactEvent(
  text: string,
  lineNumber: number,
  bytes: number,
  tally: Tally,
): DriftwatchEvent | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    tally.reject({ line: lineNumber, path: '', reason: jsonError(text) });
    return undefined;
  }
  const validation = validateEvent(raw, lineNumber, bytes);
  if (!validation.ok) {
    const [r] = validation.rejections;
    if (r) tally.reject({ line: lineNumber, path: r.path, reason: r.reason });
    return undefined;
  }
  return validation.event;
}

/**
 * The fast path: each line's bytes go through the byte reader into the columnar fold; a line the reader or
 * the fold declines is decoded and read exactly (JSON.parse, validateEvent) and folded from its event.
 */
async function ingestFast(path: string, options: EvaluateFileOptions, tally: Tally): Promise<IngestedFile> {
  const pipeline = new ColumnarPipeline(foldOptionsLookup(options.config));
  const fields = new EventFields();
  const count = (outcome: number, line: number) => {
    if (outcome === INGEST_ACCEPTED) tally.accepted++;
    else if (outcome === INGEST_DUPLICATE) tally.duplicates++;
    else if (outcome === INGEST_CONFLICT) tally.conflicts++;
    else tally.reject({ line, path: 'monitor', reason: pipeline.unknownMonitorReason() });
  };
  const onLine = (buffer: Buffer, start: number, end: number, lineNumber: number) => {
    tally.lines++;
    if (readEventLine(buffer, start, end, fields)) {
      const outcome = pipeline.ingest(buffer, fields);
      if (outcome !== INGEST_DECLINED) {
        count(outcome, lineNumber);
        return;
      }
    }
    const event = exactEvent(buffer.toString('utf8', start, end), lineNumber, end - start, tally);
    if (event) count(pipeline.ingestEvent(event), lineNumber);
  };
  await readJsonlLineRanges(
    path,
    onLine,
    options.onProgress === undefined ? {} : { onProgress: options.onProgress },
  );
  return {
    latestEventTime: pipeline.latestEventTime,
    counters: pipeline.countersBetween.bind(pipeline),
    raw: pipeline,
  };
}

/** The reference path: every line is read exactly and merged into the record-based InMemoryPipeline. */
async function ingestReference(
  path: string,
  options: EvaluateFileOptions,
  tally: Tally,
): Promise<IngestedFile> {
  const pipeline = new InMemoryPipeline(foldOptionsLookup(options.config));
  for await (const batch of readJsonlLines(path, options.onProgress)) {
    for (const line of batch) {
      tally.lines++;
      const event = exactEvent(line.text, line.lineNumber, line.bytes, tally);
      if (!event) continue;
      const outcome = pipeline.ingest(event);
      switch (outcome.kind) {
        case 'accepted':
          tally.accepted++;
          break;
        case 'duplicate':
          tally.duplicates++;
          break;
        case 'conflict':
          tally.conflicts++;
          break;
        case 'unknown_monitor':
          tally.reject({ line: line.lineNumber, path: 'monitor', reason: outcome.reason });
          break;
      }
    }
  }
  return {
    latestEventTime: pipeline.latestEventTime,
    counters: pipeline.countersBetween.bind(pipeline),
    raw: pipeline,
  };
}

/**
 * Reads a JSONL file of events and evaluates every configured monitor exactly from them: events go through
 * the same validation, pairing and fold as in the pipeline, and drift and latency use the raw values.
 * Streams the file; memory grows with the number of decisions and tasks, not with the file size.
 * Well-formed lines are read from their bytes (event-line-parser.ts) into columns (columnar-pipeline.ts);
 * every other line takes the exact path, so results and rejections are those of JSON.parse, validateEvent
 * and the pairing rules, line for line. O(file size + monitors × windows).
 */
export async function evaluateEventsFile(
  path: string,
  options: EvaluateFileOptions,
): Promise<FileEvaluation> {
  const tally = new Tally(path, options.skipInvalid === true);
  const ingested =
    options.fastPath === false
      ? await ingestReference(path, options, tally)
      : await ingestFast(path, options, tally);
  const latest = ingested.latestEventTime;
  const at =
    options.at ?? (Number.isFinite(latest) ? Math.floor(latest / MINUTE) * MINUTE + MINUTE : Date.now());
  const source = { counters: ingested.counters, raw: new RawSampleIndex(ingested.raw) };
  const monitors = options.config.monitors.map((m) => evaluateMonitor(m, at, source));
  return {
    file: path,
    asOf: new Date(Math.floor(at / MINUTE) * MINUTE).toISOString(),
    events: tally.summary(),
    monitors,
  };
}
