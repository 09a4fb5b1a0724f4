import {
  ConfigError,
  ConfigIssue,
  type ConfigLocator,
  ConfigWarning,
  formatPath,
  issuesFromZod,
  NO_POSITIONS,
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
 * Validates a parsed configuration document (from YAML, from JSON, or built in code) into the resolved
 * {@link MonitorConfig}, with its warnings. Issues carry line numbers when a locator knows the text
 * (parseConfig passes the YAML document's); otherwise paths only. Does not import the YAML parser, so the
 * functions can validate the JSON they are shipped without bundling it.
 *
 * Complexity: O(n) in the size of the document.
 * @throws {ConfigError} listing every schema problem.
 * @example validateConfig({ version: 1, monitors: [...] }, 'inline').config
 */
export function validateConfig(
  value: unknown,
  fileName: string,
  locator: ConfigLocator = NO_POSITIONS,
): LoadedConfig {
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
