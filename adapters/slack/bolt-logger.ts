import { LogLevel, type Logger } from '@slack/bolt';
import type { Log } from '../../commands/log.js';

/**
 * Bolt's and the Web API client's own log lines, sent to Troupe's structured log (so they are
 * redacted and scrubbed like everything else) instead of straight to the console.
 *
 * @example
 *   new App({ logger: boltLogger(log, LogLevel.WARN), ... });
 */
export function boltLogger(log: Log, initial: LogLevel): Logger {
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  let level = initial;
  let name = 'bolt';
  const at =
    (wanted: LogLevel, write: (fields: Record<string, unknown>, message: string) => void) =>
    (...parts: unknown[]) => {
      if (order.indexOf(wanted) < order.indexOf(level)) return;
      const errors = parts.filter((part) => part instanceof Error);
      const text = parts
        .filter((part) => !(part instanceof Error))
        .map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
        .join(' ');
      write({ component: name, ...(errors.length ? { err: errors[0] } : {}) }, text);
    };
  return {
    debug: at(LogLevel.DEBUG, (fields, message) => log.info({ ...fields, boltLevel: 'debug' }, message)),
    info: at(LogLevel.INFO, (fields, message) => log.info(fields, message)),
    warn: at(LogLevel.WARN, (fields, message) => log.warn(fields, message)),
    error: at(LogLevel.ERROR, (fields, message) => log.error(fields, message)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
  };
}
