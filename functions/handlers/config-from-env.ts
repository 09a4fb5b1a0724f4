import { readFileSync } from 'node:fs';
import { FUNCTION_ENVIRONMENT } from '../../infra/function-environment.ts';
import type { MonitorConfig } from '../domain/config/config-types.ts';
import { validateConfig } from '../domain/config/validate-config.ts';
import { MissingEnvError } from './env.ts';

type Env = Readonly<Record<string, string | undefined>>;

function parseConfigJson(text: string, name: string): MonitorConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MissingEnvError(`${name} must hold the configuration as JSON`);
  }
  return validateConfig(value, name).config;
}

/**
 * The monitor configuration from the environment: DRIFTWATCH_CONFIG (the JSON text `cdk synth` wrote) or, when
 * it was too large for Lambda's environment, DRIFTWATCH_CONFIG_FILE (the bundled JSON file). Validated again
 * with the same schema as everywhere (JSON only: the YAML parser stays out of the bundles). Every handler
 * reads its configuration here, so all four agree on which monitors exist.
 *
 * @throws {MissingEnvError} when neither is set or the text is not JSON; ConfigError when invalid.
 */
export function configFromEnv(env: Env = process.env): MonitorConfig {
  const text = env[FUNCTION_ENVIRONMENT.config];
  if (text !== undefined && text.trim() !== '') return parseConfigJson(text, FUNCTION_ENVIRONMENT.config);
  const file = env[FUNCTION_ENVIRONMENT.configFile];
  if (file !== undefined && file.trim() !== '') return parseConfigJson(readFileSync(file, 'utf8'), file);
  throw new MissingEnvError(
    `environment variable ${FUNCTION_ENVIRONMENT.config} or ${FUNCTION_ENVIRONMENT.configFile} is required but not set`,
  );
}
