import { stat } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import { loadConfigFile } from '../config/load-config-file.ts';
import { evaluateEventsFile } from '../offline/evaluate-events-file.ts';
import { formatEvaluationTable } from './format-evaluation.ts';

export interface EvaluateCommandOptions {
  readonly events: string;
  readonly config: string;
  readonly at?: string;
  readonly format: 'table' | 'json';
  readonly skipInvalid?: boolean;
}

/** Files smaller than this are read too fast for a progress bar to help. */
const PROGRESS_MIN_BYTES = 8 * 1024 * 1024;

export function parseAt(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new Error(`--at: "${text}" is not an ISO-8601 time (e.g. 2026-11-20T12:00:00Z)`);
  return t;
}

/** `driftwatch evaluate`: offline evaluation of a JSONL file; returns the text to print. */
export async function runEvaluate(
  options: EvaluateCommandOptions,
  stderr: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  const { config, warnings } = await loadConfigFile(options.config);
  for (const w of warnings) stderr.write(`warning: ${w.toString()}\n`);
  const at = parseAt(options.at);
  const size = (await stat(options.events)).size;
  const bar =
    stderr.isTTY && size >= PROGRESS_MIN_BYTES
      ? new SingleBar({
          format: 'reading {bar} {percentage}% | {value}/{total} MB',
          stream: stderr,
          hideCursor: true,
        })
      : undefined;
  bar?.start(Math.ceil(size / 1e6), 0);
  try {
    const result = await evaluateEventsFile(options.events, {
      config,
      ...(at === undefined ? {} : { at }),
      ...(options.skipInvalid ? { skipInvalid: true } : {}),
      ...(bar ? { onProgress: (bytes: number) => bar.update(Math.floor(bytes / 1e6)) } : {}),
    });
    return options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatEvaluationTable(result);
  } finally {
    bar?.stop();
  }
}
