import { LineCounter, parseDocument } from 'yaml';
import {
  ConfigError,
  ConfigIssue,
  ConfigWarning,
  DocumentLocator,
  formatPath,
  issuesFromZod,
  sortByPosition,
} from './config-issues.ts';
import { monitorConfigSchema } from './config-schema.ts';
import type { Monitor, MonitorConfig } from './config-types.ts';
import { configWarnings } from './config-warnings.ts';

export interface LoadedConfig {
  readonly config: MonitorConfig;
  /** Valid but suspicious settings, in file order. */
  readonly warnings: readonly ConfigWarning[];
}

/**
 * Parses and validates a configuration file's text — YAML, or JSON (which is YAML) — into the resolved
 * {@link MonitorConfig}. Pure: the caller reads the file. Every problem is reported at once, each as
 * `file:line:col: path: reason`, with line and column from the YAML parser.
 *
 * Complexity: O(n) in the size of the document.
 * @throws {ConfigError} listing every syntax or schema problem.
 * @example parseConfig(readFileSync('driftwatch.yaml', 'utf8'), 'driftwatch.yaml').config.monitors[0]?.name
 */
export function parseConfig(text: string, fileName: string): LoadedConfig {
  const lines = new LineCounter();
  // prettyErrors off: the message stays one line; the position comes from the line counter.
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const locator = new DocumentLocator(document, lines);
  if (document.errors.length > 0) {
    const issues = document.errors.map((error) => {
      const { line, col } = lines.linePos(error.pos[0]);
      return new ConfigIssue({
        file: fileName,
        path: '',
        line,
        column: col,
        message: `YAML: ${error.message}`,
      });
    });
    throw new ConfigError(fileName, issues);
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias bomb or a broken alias: the document parsed but cannot be turned into data.
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError(
      fileName,
      [new ConfigIssue({ file: fileName, path: '', message: `YAML: ${message}` })],
      {
        cause: error,
      },
    );
  }
  const loaded = validate(value, fileName, locator);
  const yamlWarnings = document.warnings.map((warning) => {
    const { line, col } = lines.linePos(warning.pos[0]);
    return new ConfigWarning({
      code: 'yaml',
      file: fileName,
      path: '',
      line,
      column: col,
      message: warning.message,
    });
  });
  return { config: loaded.config, warnings: sortByPosition([...yamlWarnings, ...loaded.warnings]) };
}

/**
 * Validates an already parsed document (e.g. a JSON object built in code) the same way as
 * {@link parseConfig}; issues have paths but no line numbers.
 *
 * Complexity: O(n) in the size of the document.
 * @throws {ConfigError} listing every schema problem.
 * @example validateConfig({ version: 1, monitors: [...] }, 'inline').config
 */
export function validateConfig(value: unknown, fileName: string): LoadedConfig {
  return validate(value, fileName, new DocumentLocator());
}

function validate(value: unknown, fileName: string, locator: DocumentLocator): LoadedConfig {
  if (value === null || value === undefined) {
    throw new ConfigError(fileName, [
      new ConfigIssue({
        file: fileName,
        path: '',
        message: 'the file is empty: expected version: 1 and a list of monitors',
      }),
    ]);
  }
  const result = monitorConfigSchema.safeParse(value);
  if (!result.success) {
    throw new ConfigError(fileName, issuesFromZod(result.error.issues, value, fileName, locator));
  }
  const warnings = configWarnings(result.data).map((draft) => {
    const position = locator.locate(draft.path);
    return new ConfigWarning({
      code: draft.code,
      file: fileName,
      path: formatPath(draft.path),
      ...position,
      message: draft.message,
    });
  });
  return { config: withoutRepeatedFeatures(result.data), warnings: sortByPosition(warnings) };
}

/** A feature listed twice with the same settings is tested once (the warning has told the author). */
function withoutRepeatedFeatures(config: MonitorConfig): MonitorConfig {
  return { ...config, monitors: config.monitors.map(dedupeMonitor) };
}

function dedupeMonitor(monitor: Monitor): Monitor {
  if (monitor.drift === undefined) return monitor;
  const seen = new Set<string>();
  const features = monitor.drift.features.filter((feature) => {
    if (seen.has(feature.name)) return false;
    seen.add(feature.name);
    return true;
  });
  return features.length === monitor.drift.features.length
    ? monitor
    : { ...monitor, drift: { ...monitor.drift, features } };
}
