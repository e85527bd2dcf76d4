/**
 * The structured log the command layer writes to (pino's call shape: fields first, then a message).
 * Built once in `main.ts` and passed down; tests pass a recording one or `silentLog`.
 *
 * @example
 *   log.error({ errorId: 'e-1a2b3c4d', err }, 'command failed');
 */
export interface Log {
  error(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
}

/** A log that drops everything (the default when none is given). */
export const silentLog: Log = { error: () => undefined, warn: () => undefined, info: () => undefined };
