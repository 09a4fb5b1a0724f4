/**
 * Environment getters for the Lambda handlers. A missing or malformed variable fails the cold start with a
 * message naming the variable, instead of an `undefined` table name surfacing later as a DynamoDB error.
 */

export class MissingEnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingEnvError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** The value of a required variable. @throws {MissingEnvError} naming the key when it is unset or empty. */
export function requiredEnv(key: string, env: Env = process.env): string {
  const value = env[key];
  if (value === undefined || value.trim() === '') {
    throw new MissingEnvError(`environment variable ${key} is required but not set`);
  }
  return value;
}

/** The value of an optional variable, or `fallback` when unset or empty. */
export function optionalEnv(key: string, fallback: string, env: Env = process.env): string {
  const value = env[key];
  return value === undefined || value.trim() === '' ? fallback : value;
}

/** A required comma-separated list, trimmed, without empty entries. */
export function requiredListEnv(key: string, env: Env = process.env): string[] {
  return requiredEnv(key, env)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A required variable holding JSON. @throws {MissingEnvError} naming the key when unset or not JSON. */
export function requiredJsonEnv(key: string, env: Env = process.env): unknown {
  const text = requiredEnv(key, env);
  try {
    return JSON.parse(text);
  } catch {
    throw new MissingEnvError(`environment variable ${key} must hold JSON`);
  }
}

/** An optional positive number, or `fallback`. @throws {MissingEnvError} naming the key when not a positive number. */
export function optionalNumberEnv(key: string, fallback: number, env: Env = process.env): number {
  const value = env[key];
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new MissingEnvError(`environment variable ${key} must be a positive number`);
  return n;
}
