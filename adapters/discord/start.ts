import type { AppConfig } from '../../config.js';
import type { CommandLimits, CommandServiceOptions } from '../../commands/service.js';
import { ConfigError } from '../../engine/errors.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
import { createDiscordBot, type DiscordBot } from './create-discord.js';

/** True when the Discord variables are set (DISCORD_TOKEN and DISCORD_APPLICATION_ID). */
export function discordConfigured(config: Pick<AppConfig, 'discord'>): boolean {
  return Boolean(config.discord.token || config.discord.applicationId);
}

export interface StartDiscordOptions {
  config: AppConfig;
  store: Store;
  model: LanguageModel;
  limits: CommandLimits;
  /** Serve persona avatars here (false when Slack's server already serves them on PORT). */
  serveAvatars?: boolean;
  log?: (line: string) => void;
  /**
   * Jobs through a shared queue (PostgreSQL): a `web` process holds the gateway and only enqueues; a
   * `worker` opens no gateway connection and posts the jobs' results through REST with the bot token.
   */
  jobQueue?: CommandServiceOptions['jobQueue'];
}

/**
 * Starts Troupe on Discord (gateway) as configured, resumes jobs a previous process left
 * unfinished, and returns the running bot (call `stop()` to shut down). With a job queue in the
 * `worker` role it only runs queued jobs: no gateway, posts through discord.js REST (bot token,
 * channel webhooks); progress edits go to the acknowledgement the web process recorded.
 *
 * @example
 *   const discord = await startDiscord({ config, store, model, limits });
 */
export async function startDiscord(options: StartDiscordOptions): Promise<DiscordBot> {
  const { config } = options;
  const { token, applicationId } = config.discord;
  if (!token || !applicationId)
    throw new ConfigError(
      'discord.config',
      'Discord needs both DISCORD_TOKEN and DISCORD_APPLICATION_ID, e.g. DISCORD_TOKEN=MTIz... DISCORD_APPLICATION_ID=123456789012345678',
    );
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const bot = createDiscordBot({
    store: options.store,
    model: options.model,
    limits: options.limits,
    token,
    applicationId,
    apiUrl: config.discord.apiUrl,
    messageContent: config.discord.messageContent,
    publicUrl: config.publicUrl,
    avatarPort: options.serveAvatars === false || options.jobQueue?.role === 'worker' ? undefined : config.server.port,
    serviceOptions: options.jobQueue ? { jobQueue: options.jobQueue } : undefined,
  });
  if (options.jobQueue?.role === 'worker') {
    await bot.identify();
    await bot.service.runner.serve();
    log('Troupe is running Discord jobs from the queue (TROUPE_ROLE=worker: no gateway connection here).');
    return bot;
  }
  await bot.start();
  await bot.service.runner.serve();
  log(`Troupe is running on Discord as ${bot.client.user?.tag ?? 'the bot'} (gateway; no public URL needed).`);
  if (!config.publicUrl)
    log("TROUPE_PUBLIC_URL is not set: personas post under their names with Discord's default avatar.");
  if (!config.discord.messageContent)
    log('DISCORD_MESSAGE_CONTENT=off: follow-ups in threads need a mention of the bot or a reply to its message.');
  const recovery = await bot.service.recoverJobs();
  if (recovery.resumed.length || recovery.interrupted.length)
    log(
      `Recovered after a restart: ${recovery.resumed.length} job(s) resumed, ${recovery.interrupted.length} reported as interrupted.`,
    );
  return bot;
}
