import type { StoreLogger } from '../store/logger.ts';

/**
 * The handlers' logger in the local stack: one readable line per entry instead of Lambda's JSON, warnings
 * and errors always, info only when asked (`--verbose`), so the terminal shows the alerts, not the chatter.
 */
export function consoleLogger(
  component: string,
  options: { readonly verbose: boolean; readonly write?: (line: string) => void },
): StoreLogger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const line = (level: string, message: string, attributes: Record<string, unknown>) => {
    const extra = Object.keys(attributes).length === 0 ? '' : ` ${JSON.stringify(attributes)}`;
    write(`[${component}] ${level} ${message}${extra}`);
  };
  return {
    info: (message, attributes) => {
      if (options.verbose) line('info', message, attributes);
    },
    warn: (message, attributes) => line('warn', message, attributes),
    error: (message, attributes) => line('error', message, attributes),
  };
}
