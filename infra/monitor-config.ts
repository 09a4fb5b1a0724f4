import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { parseConfig } from '../functions/domain/config/index.ts';
import { writeResolvedConfig } from '../functions/domain/config/resolved-config.ts';

/** The configuration `cdk synth` validates when no `-c config=…` is given (relative to the project root). */
export const DEFAULT_CONFIG_PATH = 'config/driftwatch.example.yaml';

/** The monitor configuration as the CDK app needs it: validated, summarised, and as JSON for the functions. */
export interface LoadedMonitorConfig {
  /** The path as given (for messages). */
  readonly fileName: string;
  /**
   * The validated configuration, resolved (defaults filled, durations in ms), as the compact JSON document
   * the functions read (functions/domain/config/resolved-config.ts). Validated here, once, by the code that
   * is deployed with it, so the functions do not carry the validator.
   */
  readonly json: string;
  /** Monitor names, in file order: the dashboard gets a section per monitor. */
  readonly monitors: readonly string[];
  /** How often the evaluator runs (`defaults.evaluationInterval`), whole minutes in ms. */
  readonly evaluationIntervalMs: number;
  /** Non-fatal remarks of the validator, surfaced as synth warnings. */
  readonly warnings: readonly string[];
}

/**
 * Reads and validates the monitor configuration. A missing file or an invalid configuration throws, which
 * fails `cdk synth` before anything is deployed.
 *
 * @throws {ConfigError} (from functions/domain/config) naming the file, the path in the document and the
 * reason; {Error} when the file does not exist.
 */
export function loadMonitorConfig(
  filePath: string,
  baseDirectory: string = process.cwd(),
): LoadedMonitorConfig {
  const absolute = isAbsolute(filePath) ? filePath : resolve(baseDirectory, filePath);
  if (!existsSync(absolute)) {
    throw new Error(
      `monitor configuration ${filePath} not found (looked in ${absolute}); pass another with -c config=path/to/driftwatch.yaml`,
    );
  }
  const text = readFileSync(absolute, 'utf8');
  const fileName = isAbsolute(filePath) ? relativeOrAbsolute(absolute, baseDirectory) : filePath;
  const { config, warnings } = parseConfig(text, fileName);
  return {
    fileName,
    json: writeResolvedConfig(config, fileName),
    monitors: config.monitors.map((monitor) => monitor.name),
    evaluationIntervalMs: config.evaluationIntervalMs,
    warnings: warnings.map(String),
  };
}

function relativeOrAbsolute(absolute: string, base: string): string {
  const rel = relative(base, absolute);
  return rel.startsWith('..') ? absolute : rel;
}
