import { DomainError } from '../errors.ts';
import type { MonitorConfig } from './config-types.ts';

/**
 * The document `cdk synth` ships to the functions: the configuration after validation, with defaults filled
 * and durations in ms ({@link MonitorConfig}), tagged so a hand-written or stale document is recognised.
 *
 * Why resolved rather than the YAML the user wrote: the configuration is validated once, at synth, by the
 * same code version that is deployed with it, so the functions need neither the schema library nor the
 * validator (about 120 KB of each bundle and part of every cold start).
 */
export const RESOLVED_CONFIG_FORMAT = 'driftwatch-resolved-config/1';

interface ResolvedConfigDocument {
  readonly format: typeof RESOLVED_CONFIG_FORMAT;
  /** The configuration file it was resolved from, for messages. */
  readonly source: string;
  readonly config: MonitorConfig;
}

/** A shipped configuration document that cannot be used; the message names where it came from. */
export class ResolvedConfigError extends DomainError {
  constructor(message: string) {
    super(message);
    this.name = 'ResolvedConfigError';
  }
}

/**
 * The resolved configuration as compact JSON for the functions.
 *
 * Complexity: O(size of the configuration).
 * @throws {ResolvedConfigError} when a value would not survive JSON (a non-finite number would become null).
 * @example writeResolvedConfig(parseConfig(text, 'driftwatch.yaml').config, 'driftwatch.yaml')
 */
export function writeResolvedConfig(config: MonitorConfig, source: string): string {
  const document: ResolvedConfigDocument = { format: RESOLVED_CONFIG_FORMAT, source, config };
  return JSON.stringify(document, (key, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new ResolvedConfigError(
        `${source}: ${key} is ${value}, which JSON cannot carry to the functions`,
      );
    }
    return value;
  });
}

/**
 * Reads a document written by {@link writeResolvedConfig}. Checks the tag and the outline only: the content
 * was validated at synth by the same code.
 *
 * Complexity: O(size of the text).
 * @param origin where the text came from (an environment variable or a file), for messages.
 * @throws {ResolvedConfigError} naming the origin when the text is not such a document.
 */
export function readResolvedConfig(text: string, origin: string): MonitorConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ResolvedConfigError(
      `${origin} must hold the configuration as JSON written by cdk synth (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const document = value as Partial<ResolvedConfigDocument> | null;
  if (typeof document !== 'object' || document === null || document.format !== RESOLVED_CONFIG_FORMAT) {
    throw new ResolvedConfigError(
      `${origin} is not a configuration written by cdk synth (expected "format": "${RESOLVED_CONFIG_FORMAT}"); ` +
        'deploy the configuration with cdk deploy rather than editing the function',
    );
  }
  const config = document.config;
  if (typeof config !== 'object' || config === null || !Array.isArray(config.monitors)) {
    throw new ResolvedConfigError(`${origin}: the document has no list of monitors`);
  }
  return config;
}
