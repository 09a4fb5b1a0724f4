import { LineCounter, parseDocument } from 'yaml';
import { ConfigError, ConfigIssue, ConfigWarning, sortByPosition } from './config-issues.ts';
import { type LoadedConfig, validateConfig } from './validate-config.ts';
import { YamlLocator } from './yaml-locator.ts';

export type { LoadedConfig } from './validate-config.ts';

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
  const locator = new YamlLocator(document, lines);
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
  const loaded = validateConfig(value, fileName, locator);
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
