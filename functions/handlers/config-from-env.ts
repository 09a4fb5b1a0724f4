import { readFileSync } from 'node:fs';
import { FUNCTION_ENVIRONMENT } from '../../infra/function-environment.ts';
import type { MonitorConfig } from '../domain/config/config-types.ts';
import { readResolvedConfig } from '../domain/config/resolved-config.ts';
import { MissingEnvError } from './env.ts';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The monitor configuration from the environment: DRIFTWATCH_CONFIG (the resolved configuration `cdk synth`
 * wrote after validating the YAML) or, when it was too large for Lambda's environment, DRIFTWATCH_CONFIG_FILE
 * (the same JSON, bundled). Not validated again: synth validated it with the code deployed beside it, and the
 * schema library stays out of the bundles. Every handler reads its configuration here, so all four agree on
 * which monitors exist.
 *
 * @throws {MissingEnvError} when neither is set; ResolvedConfigError when the text is not a document
 * written by cdk synth.
 */
export function configFromEnv(env: Env = process.env): MonitorConfig {
  const text = env[FUNCTION_ENVIRONMENT.config];
  if (text !== undefined && text.trim() !== '') return readResolvedConfig(text, FUNCTION_ENVIRONMENT.config);
  const file = env[FUNCTION_ENVIRONMENT.configFile];
  if (file !== undefined && file.trim() !== '') return readResolvedConfig(readFileSync(file, 'utf8'), file);
  throw new MissingEnvError(
    `environment variable ${FUNCTION_ENVIRONMENT.config} or ${FUNCTION_ENVIRONMENT.configFile} is required but not set`,
  );
}
