import type { Log } from '../../commands/log.js';
import type { AppConfig } from '../../config.js';
import type { CommandLimits, CommandServiceOptions } from '../../commands/service.js';
import { ConfigError } from '../../engine/errors.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
import { createSlackApp, type SlackApp } from './create-app.js';

/** Which Slack setup the configuration asks for (undefined: Slack is not configured). */
export type SlackMode = { mode: 'socket' } | { mode: 'http' } | { mode: 'http'; oauth: true };

/**
 * Picks the Slack mode from the variables that are set: OAuth (multi-workspace, HTTP) when
 * SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are set; Socket Mode with
 * SLACK_APP_TOKEN + SLACK_BOT_TOKEN; HTTP mode with SLACK_SIGNING_SECRET + SLACK_BOT_TOKEN.
 *
 * @example
 *   slackMode(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })) // { mode: 'socket' }
 */
export function slackMode(config: Pick<AppConfig, 'slack'>): SlackMode | undefined {
  const slack = config.slack;
  if (slack.clientId && slack.clientSecret && slack.stateSecret) {
    if (!slack.signingSecret)
      throw new ConfigError(
        'slack.config',
        'OAuth install (SLACK_CLIENT_ID/SLACK_CLIENT_SECRET/SLACK_STATE_SECRET) runs in HTTP mode and needs SLACK_SIGNING_SECRET too, e.g. SLACK_SIGNING_SECRET=8f7e...',
      );
    return { mode: 'http', oauth: true };
  }
  if (slack.botToken && slack.appToken) return { mode: 'socket' };
  if (slack.botToken && slack.signingSecret) return { mode: 'http' };
  return undefined;
}

export interface StartSlackOptions {
  config: AppConfig;
  store: Store;
  model: LanguageModel;
  limits: CommandLimits;
  log?: (line: string) => void;
  /** The structured log built in `main.ts`. */
  logger?: Log;
  /** Jobs through a shared queue (PostgreSQL): a `worker` serves no Slack requests, it only runs jobs. */
  jobQueue?: CommandServiceOptions['jobQueue'];
}

/**
 * Starts Troupe on Slack as configured, resumes jobs a previous process left unfinished, and
 * returns the running app (call `stop()` to shut down).
 *
 * @example
 *   const slack = await startSlack({ config, store, model, limits });
 */
export async function startSlack(options: StartSlackOptions): Promise<SlackApp> {
  const { config } = options;
  const chosen = slackMode(config);
  if (!chosen) {
    throw new ConfigError(
      'slack.config',
      'Slack is not configured: set SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP), or the OAuth variables.',
    );
  }
  const { logger } = options;
  const log =
    options.log ??
    (logger ? (line: string) => logger.info({}, line) : (line: string) => process.stderr.write(`${line}\n`));
  const oauth =
    'oauth' in chosen
      ? {
          clientId: config.slack.clientId!,
          clientSecret: config.slack.clientSecret!,
          stateSecret: config.slack.stateSecret!,
        }
      : undefined;
  const slack = createSlackApp({
    store: options.store,
    model: options.model,
    limits: options.limits,
    mode: chosen.mode,
    botToken: oauth ? undefined : config.slack.botToken,
    appToken: config.slack.appToken,
    signingSecret: config.slack.signingSecret,
    oauth,
    encryptionKey: config.slack.encryptionKey,
    apiUrl: config.slack.apiUrl,
    publicUrl: config.publicUrl,
    port: config.server.port,
    logger,
    serviceOptions: options.jobQueue ? { jobQueue: options.jobQueue } : undefined,
  });
  const role = options.jobQueue?.role ?? 'all';
  if (role === 'worker') {
    await slack.service.runner.serve();
    log('Troupe is running Slack jobs from the queue (TROUPE_ROLE=worker: no Slack requests served here).');
    return slack;
  }
  await slack.start();
  await slack.service.runner.serve();
  const where = slack.port !== undefined ? ` on port ${slack.port}` : '';
  log(
    `Troupe is running on Slack (${chosen.mode === 'socket' ? 'Socket Mode' : oauth ? 'HTTP, multi-workspace OAuth' : 'HTTP'})${where}.`,
  );
  if (!config.publicUrl) log('TROUPE_PUBLIC_URL is not set: personas post with emoji icons instead of their avatars.');
  const recovery = await slack.service.recoverJobs();
  // Event-dedupe keys, pending confirmations and old LLM cache rows expire; purged hourly (unref: never keeps the process up).
  setInterval(() => void slack.service.purgeExpired().catch(() => undefined), 3_600_000).unref();
  if (recovery.resumed.length || recovery.interrupted.length) {
    log(
      `Recovered after a restart: ${recovery.resumed.length} job(s) resumed, ${recovery.interrupted.length} reported as interrupted.`,
    );
  }
  return slack;
}
