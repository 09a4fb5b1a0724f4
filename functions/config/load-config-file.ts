import { readFile } from 'node:fs/promises';
import { type LoadedConfig, parseConfig } from '../domain/config/load-config.ts';

/** The example configuration shipped with driftwatch, used when no file is given. */
export const DEFAULT_CONFIG_PATH = 'config/driftwatch.example.yaml';

/** Reads and validates a configuration file; errors name the file, the path and the reason. */
export async function loadConfigFile(path: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason =
      error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file' : String(error);
    throw new Error(`${path}: cannot read the configuration: ${reason}`, { cause: error });
  }
  return parseConfig(text, path);
}
