import { readJsonlLines } from '../cli/jsonl-lines.ts';
import type { MonitorConfig } from '../domain/config/config-types.ts';
import { foldOptionsLookup } from '../domain/counters/fold-options-from-config.ts';
import { evaluateMonitor } from '../domain/evaluation/evaluate-monitor.ts';
import type { MonitorEvaluation } from '../domain/evaluation/evaluation-types.ts';
import { validateEvent } from '../domain/events/validate-event.ts';
import { InMemoryPipeline } from './in-memory-pipeline.ts';
import { RawSampleIndex } from './raw-sample-index.ts';

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

/**
 * Reads a JSONL file of events and evaluates every configured monitor exactly from them: events go through
 * the same validation, pairing and fold as in the pipeline, and drift and latency use the raw values.
 * Streams the file; memory grows with the number of decisions and tasks, not with the file size.
 */
export async function evaluateEventsFile(
  path: string,
  options: EvaluateFileOptions,
): Promise<FileEvaluation> {
  const pipeline = new InMemoryPipeline(foldOptionsLookup(options.config));
  const byReason = new Map<string, number>();
  const first: LineRejection[] = [];
  let lines = 0;
  let accepted = 0;
  let duplicates = 0;
  let conflicts = 0;
  let rejected = 0;
  const reject = (r: LineRejection) => {
    if (!options.skipInvalid) throw new InvalidEventLineError(path, r);
    rejected++;
    byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + 1);
    if (first.length < MAX_LISTED_REJECTIONS) first.push(r);
  };
  for await (const batch of readJsonlLines(path, options.onProgress)) {
    for (const line of batch) {
      lines++;
      let raw: unknown;
      try {
        raw = JSON.parse(line.text);
      } catch {
        reject({ line: line.lineNumber, path: '', reason: jsonError(line.text) });
        continue;
      }
      const validation = validateEvent(raw, line.lineNumber, line.bytes);
      if (!validation.ok) {
        const [r] = validation.rejections;
        if (r) reject({ line: line.lineNumber, path: r.path, reason: r.reason });
        continue;
      }
      const outcome = pipeline.ingest(validation.event);
      switch (outcome.kind) {
        case 'accepted':
          accepted++;
          break;
        case 'duplicate':
          duplicates++;
          break;
        case 'conflict':
          conflicts++;
          break;
        case 'unknown_monitor':
          reject({ line: line.lineNumber, path: 'monitor', reason: outcome.reason });
          break;
      }
    }
  }
  const latest = pipeline.latestEventTime;
  const at =
    options.at ?? (Number.isFinite(latest) ? Math.floor(latest / MINUTE) * MINUTE + MINUTE : Date.now());
  const raw = new RawSampleIndex(pipeline);
  const source = { counters: pipeline.countersBetween.bind(pipeline), raw };
  const monitors = options.config.monitors.map((m) => evaluateMonitor(m, at, source));
  return {
    file: path,
    asOf: new Date(Math.floor(at / MINUTE) * MINUTE).toISOString(),
    events: {
      lines,
      accepted,
      duplicates,
      conflicts,
      rejected,
      rejectionsByReason: Object.fromEntries([...byReason].sort((a, b) => b[1] - a[1])),
      firstRejections: first,
    },
    monitors,
  };
}
