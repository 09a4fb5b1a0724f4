/**
 * The logging the store and ingest services need; Powertools' Logger satisfies it. Callers log keys, counts
 * and error names only — never feature values or labels, which may be personal data.
 */
export interface StoreLogger {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}

export const silentLogger: StoreLogger = {
  info: () => {},
  warn: () => {},
  error: () => {},
};
