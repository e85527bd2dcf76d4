import { createChatSurface } from '../shared/chat-surface.js';
import { App, HTTPReceiver, LogLevel, webApi, type Receiver } from '@slack/bolt';
import type { Server } from 'node:http';
import type { Log } from '../../commands/log.js';
import { boltLogger } from './bolt-logger.js';
import { InstallationCipher } from './installation-cipher.js';
import { DEFAULT_RATE_LIMITS } from '../../commands/rate-limit.js';
import type { CommandService, CommandLimits, CommandServiceOptions } from '../../commands/service.js';
import { ConfigError } from '../../engine/errors.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
import { PersonaAvatars } from '../shared/persona-avatars.js';
import { DeliveryDeduper } from '../shared/delivery-dedupe.js';
import { close, listen } from '../shared/http-listen.js';
import { createTroupeHttpServer } from './http-server.js';
import { StoreInstallationStore } from './installation-store.js';
import { registerListeners } from './listeners.js';
import { SignedRequestGuard } from './request-guard.js';
import type { ProgressLane } from '../shared/progress-lane.js';
import { ChannelSendQueue, type SendQueueOptions } from './send-queue.js';
import { SlackSink, type TokenResolver } from './slack-sink.js';

/** Bot scopes Troupe asks for on install (same as the manifest). */
export const SLACK_BOT_SCOPES = [
  'app_mentions:read',
  'channels:history',
  'groups:history',
  'chat:write',
  'chat:write.customize',
  'chat:write.public',
  'commands',
  'files:write',
  'reactions:write',
];

export interface CreateSlackAppOptions {
  store: Store;
  model: LanguageModel;
  limits: CommandLimits;
  /** Socket Mode (WebSocket, needs `appToken`) or HTTP (Events API, needs `signingSecret`). */
  mode: 'socket' | 'http';
  botToken?: string;
  appToken?: string;
  signingSecret?: string;
  /** Multi-workspace install over OAuth (HTTP mode): each workspace's token comes from its installation. */
  oauth?: { clientId: string; clientSecret: string; stateSecret: string; scopes?: string[] };
  /** `TROUPE_ENCRYPTION_KEY` (32 bytes, base64): required with `oauth`, installations are stored encrypted. */
  encryptionKey?: string;
  /** Web API base URL (`SLACK_API_URL`), e.g. a loopback fake in tests. */
  apiUrl?: string;
  /** Public base URL of this server (`TROUPE_PUBLIC_URL`), for persona avatar URLs. */
  publicUrl?: string;
  /** HTTP port (0 picks a free one). In Socket Mode a server is started only to serve avatars. */
  port?: number;
  host?: string;
  /** Send-queue pacing; tests pass `minIntervalMs: 0` and a fake `sleep`. */
  sendQueue?: Partial<SendQueueOptions>;
  /**
   * Minimum gap between two edits of one progress message (default 3000 ms): edits in between are
   * coalesced, the latest wins, and the final edit always goes out. Tests pass 0 to see every edit.
   */
  progressEditIntervalMs?: number;
  /** Extra command-service options (prices). */
  serviceOptions?: Partial<Pick<CommandServiceOptions, 'prices' | 'compactAnswersAbove' | 'jobQueue'>>;
  /** Clock for the request guard's timestamp window. */
  nowSeconds?: () => number;
  logLevel?: LogLevel;
  log?: (message: string, error?: unknown) => void;
  /** The structured log (`main.ts` builds it); internal errors are logged here with their error id. */
  logger?: Log;
}

/** A created Slack app: the Bolt app, the command service behind it, and its lifecycle. */
export interface SlackApp {
  app: App;
  service: CommandService;
  sink: SlackSink;
  queue: ChannelSendQueue;
  /** The coalesced lane progress edits go through (outside `queue`). */
  progressLane: ProgressLane;
  /** The bound HTTP port once started (undefined in Socket Mode without a public URL). */
  readonly port: number | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when every handled message, job and queued post has finished. */
  whenIdle(): Promise<void>;
}

/**
 * Builds Troupe's Slack app from injected pieces (tokens, store, model, API URL, clock), so tests
 * run the real Bolt against a loopback fake. HTTP mode puts Troupe's own server in front of Bolt's
 * HTTPReceiver (replay/timestamp/signature guard, avatar route); Socket Mode uses Bolt's
 * SocketModeReceiver.
 *
 * @example
 *   const slack = createSlackApp({ store, model, limits, mode: 'http', botToken, signingSecret, port: 3000 });
 *   await slack.start();
 */
export function createSlackApp(options: CreateSlackAppOptions): SlackApp {
  const { logger } = options;
  const log =
    options.log ??
    (logger && ((message: string, error?: unknown) => logger.error({ err: error }, `slack: ${message}`))) ??
    ((message: string, error?: unknown) =>
      process.stderr.write(
        `[slack] ${message}${error ? `: ${error instanceof Error ? error.message : String(error)}` : ''}\n`,
      ));
  const logLevel = options.logLevel ?? LogLevel.WARN;
  const clientOptions = { ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}) };
  const cipher = options.oauth
    ? new InstallationCipher(requireValue(options.encryptionKey, 'TROUPE_ENCRYPTION_KEY'))
    : options.encryptionKey
      ? new InstallationCipher(options.encryptionKey)
      : undefined;
  const installationStore = new StoreInstallationStore(options.store, cipher);
  const { app, receiver } = buildBolt(options, clientOptions, installationStore, logLevel);
  const tokens = tokenResolver(options, installationStore);
  // 429s must reach the send queue (which waits Retry-After and keeps the order), not WebClient's own retry.
  const client = new webApi.WebClient(undefined, {
    ...clientOptions,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 100, maxTimeout: 1000 },
    logLevel,
    ...(logger ? { logger: boltLogger(logger, logLevel) } : {}),
  });
  const queue = new ChannelSendQueue({ minIntervalMs: 1000, ...options.sendQueue });
  const avatars = new PersonaAvatars(options.store, options.publicUrl);
  // Posts are retried by the sink, and only after checking the message did not arrive (no doubles).
  const postClient = new webApi.WebClient(undefined, {
    ...clientOptions,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    logLevel,
    ...(logger ? { logger: boltLogger(logger, logLevel) } : {}),
  });
  // chat.update is its own rate tier: progress edits wait in their own queue, never behind persona posts.
  const editQueue = new ChannelSendQueue({ ...options.sendQueue, minIntervalMs: 0 });
  const sink = new SlackSink({ client, postClient, tokens, queue, editQueue, avatars, store: options.store });
  const surface = createChatSurface({
    sink,
    service: {
      store: options.store,
      model: options.model,
      limits: { rate: DEFAULT_RATE_LIMITS, ...options.limits },
      log: logger,
      ...options.serviceOptions,
    },
    progressEditIntervalMs: options.progressEditIntervalMs,
    onProgressError: (error) => log('progress edit failed', error),
    queues: [queue, editQueue],
  });
  const { service, progressLane, track, gate } = surface;
  // Acknowledgements first: background handling and posts wait while requests are still unanswered.
  registerListeners(app, {
    gate,
    countAcks: options.mode === 'socket',
    service,
    store: options.store,
    model: options.model,
    sink,
    tokens,
    dedupe: new DeliveryDeduper(options.store, 'slack'),
    track,
    log,
  });
  app.error(async (error) => log('Bolt error', error));

  let server: Server | undefined;
  let port: number | undefined;
  const guard =
    options.mode === 'http'
      ? new SignedRequestGuard(requireValue(options.signingSecret, 'SLACK_SIGNING_SECRET'), options.nowSeconds)
      : undefined;
  return {
    app,
    service,
    sink,
    queue,
    progressLane,
    get port() {
      return port;
    },
    async start() {
      if (options.mode === 'http' || options.publicUrl) {
        server = createTroupeHttpServer({ bolt: receiver?.requestListener, guard, avatars, gate });
        port = await listen(server, options.port ?? 3000, options.host);
      }
      if (options.mode === 'socket') await app.start();
    },
    async stop() {
      surface.close();
      if (options.mode === 'socket') await app.stop().catch(() => undefined);
      if (server) await close(server);
    },
    whenIdle: surface.whenIdle,
  };
}

function buildBolt(
  options: CreateSlackAppOptions,
  clientOptions: { slackApiUrl?: string },
  installationStore: StoreInstallationStore,
  logLevel: LogLevel,
): { app: App; receiver?: HTTPReceiver } {
  const logger = options.logger ? { logger: boltLogger(options.logger, logLevel) } : {};
  if (options.mode === 'socket') {
    const app = new App({
      token: requireValue(options.botToken, 'SLACK_BOT_TOKEN'),
      appToken: requireValue(options.appToken, 'SLACK_APP_TOKEN'),
      socketMode: true,
      logLevel,
      ...logger,
      clientOptions,
      installerOptions: { clientOptions },
    });
    return { app };
  }
  const receiver = new HTTPReceiver({
    signingSecret: requireValue(options.signingSecret, 'SLACK_SIGNING_SECRET'),
    logLevel,
    ...logger,
    ...(options.oauth
      ? {
          clientId: options.oauth.clientId,
          clientSecret: options.oauth.clientSecret,
          stateSecret: options.oauth.stateSecret,
          scopes: options.oauth.scopes ?? SLACK_BOT_SCOPES,
          installationStore,
          installerOptions: { clientOptions, directInstall: true },
        }
      : {}),
  });
  const app = new App({
    ...(options.oauth ? {} : { token: requireValue(options.botToken, 'SLACK_BOT_TOKEN') }),
    receiver: receiver as Receiver,
    logLevel,
    ...logger,
    clientOptions,
  });
  return { app, receiver };
}

function tokenResolver(options: CreateSlackAppOptions, installations: StoreInstallationStore): TokenResolver {
  if (!options.oauth) {
    const token = requireValue(options.botToken, 'SLACK_BOT_TOKEN');
    return async () => token;
  }
  return async (tenantId) => {
    const id = tenantId.replace(/^slack:/, '');
    const enterprise = id.startsWith('E');
    const installation = await installations.fetchInstallation(
      enterprise
        ? { enterpriseId: id, teamId: undefined, isEnterpriseInstall: true }
        : { teamId: id, enterpriseId: undefined, isEnterpriseInstall: false },
    );
    const token = installation.bot?.token;
    if (!token)
      throw new ConfigError(
        'slack.no-bot-token',
        `The Slack installation of ${tenantId} has no bot token; reinstall the app in that workspace.`,
      );
    return token;
  };
}

function requireValue(value: string | undefined, name: string): string {
  if (!value)
    throw new ConfigError(
      'slack.config',
      name === 'TROUPE_ENCRYPTION_KEY'
        ? 'TROUPE_ENCRYPTION_KEY is required in OAuth mode: Slack installations (bot tokens) are stored encrypted with it. Generate one with: openssl rand -base64 32'
        : `${name} is required for this Slack mode, e.g. ${name}=${name.includes('TOKEN') ? (name === 'SLACK_APP_TOKEN' ? 'xapp-...' : 'xoxb-...') : '8f7e...'}`,
    );
  return value;
}
