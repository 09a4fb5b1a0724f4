import { createHash } from 'node:crypto';

/**
 * Lambda limits the whole environment (all keys and values) to 4 KB. The other variables (table names,
 * topic ARNs, Powertools settings) take well under 1 KB once CloudFormation resolves them, so the
 * configuration may use the remaining 3 KB; a larger one is bundled as a file instead.
 */
export const CONFIG_ENVIRONMENT_BUDGET_BYTES = 3 * 1024;

/** File name of the bundled configuration, in the function's code directory. */
export const CONFIG_FILE_NAME = 'driftwatch.config.json';

/** Where a bundled configuration is found at run time (`LAMBDA_TASK_ROOT` is /var/task). */
export const CONFIG_FILE_RUNTIME_PATH = `/var/task/${CONFIG_FILE_NAME}`;

/** How the validated configuration reaches the functions. */
export type ConfigDelivery =
  | { readonly kind: 'environment'; readonly json: string }
  | {
      readonly kind: 'file';
      readonly json: string;
      /** SHA-256 of the JSON: names the staged copy and makes a changed configuration a changed asset. */
      readonly sha256: string;
    };

/**
 * Chooses the environment variable when the JSON fits the budget (the simple path: no file I/O at cold
 * start, visible in the console) and a bundled file otherwise.
 *
 * @example planConfigDelivery('{"monitors":[]}').kind // 'environment'
 */
export function planConfigDelivery(json: string): ConfigDelivery {
  if (Buffer.byteLength(json, 'utf8') <= CONFIG_ENVIRONMENT_BUDGET_BYTES)
    return { kind: 'environment', json };
  return { kind: 'file', json, sha256: createHash('sha256').update(json).digest('hex') };
}
