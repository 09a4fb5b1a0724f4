/** The monitor configuration: schema, loading with located errors, warnings and the resolved types. */

export { ConfigError, ConfigIssue, ConfigWarning, formatPath } from './config-issues.ts';
export { closestName, describeValue } from './config-messages.ts';
export {
  CONFIG_DEFAULTS,
  CORRECTIONS,
  DRIFT_METHODS,
  FEATURE_KINDS,
  MAX_DECLARED_CATEGORIES,
  METHODS_BY_KIND,
  type MonitorConfigInput,
  monitorConfigSchema,
  SLI_KINDS,
} from './config-schema.ts';
export type * from './config-types.ts';
export {
  BUCKET_RETENTION_MS,
  type ConfigWarningCode,
  type ConfigWarningDraft,
  configWarnings,
} from './config-warnings.ts';
export { parseConfig } from './load-config.ts';
export { type LoadedConfig, validateConfig } from './validate-config.ts';
