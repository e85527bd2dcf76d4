import { createChatSurface } from '../shared/chat-surface.js';
import type { Server } from 'node:http';
import { Client, Events, GatewayIntentBits, REST, Routes } from 'discord.js';
import type { CommandService, CommandLimits, CommandServiceOptions } from '../../commands/service.js';
import { ConfigError } from '../../engine/errors.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
// Shared, SDK-free pieces: persona PNGs and the small server that serves them (same URLs as on Slack).
import { createAvatarServer } from '../shared/avatar-route.js';
import { close, listen } from '../shared/http-listen.js';
import { PersonaAvatars } from '../shared/persona-avatars.js';
import type { ProgressLane } from '../shared/progress-lane.js';
import { ChannelWebhooks } from './channel-webhooks.js';
import { DeliveryDeduper } from '../shared/delivery-dedupe.js';
import { DiscordSink } from './discord-sink.js';
import { registerDiscordListeners } from './listeners.js';
import { PendingInteractions } from './pending-interactions.js';
import { ThreadSendQueue } from './thread-queue.js';

export interface CreateDiscordBotOptions {
  store: Store;
  model: LanguageModel;
  limits: CommandLimits;
  /** Bot token (`DISCORD_TOKEN`). */
  token: string;
  /** Application id (`DISCORD_APPLICATION_ID`): webhooks this application created are reused. */
  applicationId: string;
  /** REST base (`DISCORD_API_URL`, e.g. `http://127.0.0.1:PORT/api`); the gateway URL comes from its `GET /gateway/bot`. */
  apiUrl?: string;
  /** Ask for the privileged MessageContent intent (default true); without it follow-ups need a mention or a reply to Troupe. */
  messageContent?: boolean;
  /** Public base URL (`TROUPE_PUBLIC_URL`) for persona avatar URLs. */
  publicUrl?: string;
  /** Serve `/avatars/<id>.png` on this port (when no other adapter already does). */
  avatarPort?: number;
  host?: string;
  /** REST request timeout (ms). */
  timeoutMs?: number;
  /**
   * Minimum gap between two edits of one progress message (default 3000 ms): edits in between are
   * coalesced (latest wins) and the final edit is always sent.
   */
  progressEditIntervalMs?: number;
  serviceOptions?: Partial<Pick<CommandServiceOptions, 'prices' | 'compactAnswersAbove' | 'jobQueue'>>;
  log?: (message: string, error?: unknown) => void;
}

/** A created Discord bot: the discord.js client, the command service behind it, and its lifecycle. */
export interface DiscordBot {
  client: Client;
  service: CommandService;
  sink: DiscordSink;
  queue: ThreadSendQueue;
  /** The coalesced lane progress edits go through (outside `queue`). */
  progressLane: ProgressLane;
  /** The avatar server's port once started (undefined when it is not served here). */
  readonly avatarPort: number | undefined;
  start(): Promise<void>;
  /**
   * Learns the bot's user id through REST (`GET /users/@me`) without the gateway: a worker process never
   * gets READY, and looks for its own earlier posts by that id after a crash.
   */
  identify(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when every handled event, job and queued post has finished. */
  whenIdle(): Promise<void>;
}

/**
 * Builds Troupe's Discord bot from injected pieces (token, store, model, REST base URL), so tests
 * run the real discord.js against a loopback fake. Gateway mode: no public URL is needed.
 *
 * @example
 *   const bot = createDiscordBot({ store, model, limits, token, applicationId });
 *   await bot.start();
 */
export function createDiscordBot(options: CreateDiscordBotOptions): DiscordBot {
  if (!options.token) throw new ConfigError('discord.config', 'DISCORD_TOKEN is required, e.g. DISCORD_TOKEN=MTIz...');
  if (!options.applicationId)
    throw new ConfigError(
      'discord.config',
      'DISCORD_APPLICATION_ID is required, e.g. DISCORD_APPLICATION_ID=123456789012345678',
    );
  const log =
    options.log ??
    ((message: string, error?: unknown) =>
      process.stderr.write(
        `[discord] ${message}${error ? `: ${error instanceof Error ? error.message : String(error)}` : ''}\n`,
      ));
  const restOptions = { ...(options.apiUrl ? { api: options.apiUrl } : {}), timeout: options.timeoutMs ?? 15_000 };
  const intents = [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    ...(options.messageContent === false ? [] : [GatewayIntentBits.MessageContent]),
  ];
  const client = new Client({ intents, rest: restOptions });
  client.rest.setToken(options.token);
  // Webhook posts are never retried blindly: the sink looks before posting again.
  const webhookRest = new REST({ ...restOptions, retries: 0 });
  const queue = new ThreadSendQueue();
  // Progress edits (PATCH, or the interaction's own token) are other rate buckets than the webhook posts.
  const editQueue = new ThreadSendQueue();
  const interactions = new PendingInteractions();
  const webhooks = new ChannelWebhooks(client.rest, options.store, options.applicationId);
  const avatars = new PersonaAvatars(options.store, options.publicUrl);
  let restUserId: string | undefined;
  const sink = new DiscordSink({
    rest: client.rest,
    webhookRest,
    botUserId: () => client.user?.id ?? restUserId ?? options.applicationId,
    webhooks,
    queue,
    editQueue,
    interactions,
    store: options.store,
    avatarUrl: (tenantId, persona) => avatars.imageUrl(tenantId, persona),
  });
  const surface = createChatSurface({
    sink,
    service: { store: options.store, model: options.model, limits: options.limits, ...options.serviceOptions },
    progressEditIntervalMs: options.progressEditIntervalMs,
    onProgressError: (error) => log('progress edit failed', error),
    queues: [queue, editQueue],
  });
  const { service, progressLane, track, gate } = surface;
  registerDiscordListeners(client, {
    gate,
    service,
    store: options.store,
    sink,
    interactions,
    dedupe: new DeliveryDeduper(options.store, 'discord'),
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
    track,
    log,
  });
  client.on(Events.Error, (error) => log('discord.js error', error));

  let server: Server | undefined;
  let avatarPort: number | undefined;
  return {
    client,
    service,
    sink,
    queue,
    progressLane,
    get avatarPort() {
      return avatarPort;
    },
    async start() {
      if (options.publicUrl && options.avatarPort !== undefined) {
        server = createAvatarServer(avatars);
        avatarPort = await listen(server, options.avatarPort, options.host);
      }
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(options.token);
      await ready;
    },
    async identify() {
      restUserId = ((await client.rest.get(Routes.user())) as { id: string }).id;
    },
    async stop() {
      surface.close();
      await client.destroy();
      if (server) await close(server);
    },
    whenIdle: surface.whenIdle,
  };
}
