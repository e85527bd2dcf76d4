import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { AppConfig } from './config.js';

/** Field paths pino blanks out wherever they appear (one or two levels deep, headers included). */
export const REDACT_PATHS = [
  'token',
  'botToken',
  'appToken',
  'apiKey',
  'secret',
  'signingSecret',
  'clientSecret',
  'stateSecret',
  'encryptionKey',
  'authorization',
  'password',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.apiKey',
  '*.secret',
  '*.signingSecret',
  '*.clientSecret',
  '*.stateSecret',
  '*.encryptionKey',
  '*.authorization',
  '*.password',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  'req.headers["x-slack-signature"]',
];

/** Token shapes that must never reach a log, wherever they hide (an error message, a URL, a stack). */
const TOKEN_SHAPES = [
  /xox[abeoprs]-[A-Za-z0-9-]+/g,
  /xapp-[A-Za-z0-9-]+/g,
  /\bsk-[A-Za-z0-9_-]{8,}/g,
  /Bearer\s+\S+/gi,
];

/** Every secret value in the configuration (API key, Slack tokens and secrets, the encryption key). */
export function configSecrets(config: AppConfig): string[] {
  const { slack, llm } = config;
  const values = [
    llm.apiKey,
    slack.botToken,
    slack.appToken,
    slack.signingSecret,
    slack.clientSecret,
    slack.stateSecret,
    slack.encryptionKey,
    config.web?.token,
    config.mcp?.token,
    ...(config.mcp?.tokens ?? '').split(',').map((entry) => entry.slice(entry.indexOf(':') + 1)),
    databasePassword(config.database.url),
  ];
  return values.filter((value): value is string => typeof value === 'string' && value.length >= 6);
}

/** The password inside a PostgreSQL `DATABASE_URL`, if any. */
function databasePassword(url: string): string | undefined {
  if (!/^postgres(ql)?:\/\//.test(url)) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Replaces known secret values and token shapes in a rendered log line. Path redaction cannot see a
 * token inside an error message or a stack trace; this last pass over the text can.
 */
export function scrubSecrets(line: string, secrets: readonly string[]): string {
  let clean = line;
  for (const secret of secrets) clean = clean.split(secret).join('[Redacted]');
  for (const shape of TOKEN_SHAPES) clean = clean.replace(shape, '[Redacted]');
  return clean;
}

/** What `createLogger` needs: where lines go, whether to pretty-print, and the secrets to scrub. */
export interface LoggerOptions {
  /** Destination of the log (stderr in `main.ts`). */
  destination: NodeJS.WritableStream;
  /** Pretty, coloured lines (a terminal) instead of JSON lines. */
  pretty?: boolean;
  level?: pino.LevelWithSilent;
  secrets?: readonly string[];
}

/**
 * The one structured logger (pino, JSON lines; pretty in a TTY), built in `main.ts` and passed down.
 * Secrets are removed twice: by field path (`redact`) and by value in the final text.
 *
 * @example
 *   const log = createLogger({ destination: process.stderr, pretty: process.stderr.isTTY, secrets: configSecrets(config) });
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = [...(options.secrets ?? [])].sort((a, b) => b.length - a.length);
  const sink = options.destination;
  const scrubbing = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      sink.write(scrubSecrets(chunk.toString(), secrets));
      done();
    },
  });
  const stream = options.pretty ? pretty({ destination: scrubbing, colorize: true, sync: true }) : scrubbing;
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    stream,
  );
}
