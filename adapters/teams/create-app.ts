import { createChatSurface } from '../shared/chat-surface.js';
import { PUBLIC, withOverrides, type CloudEnvironment, type TokenProvider } from '@microsoft/teams.api';
import { App } from '@microsoft/teams.apps';
import type { ILogger } from '@microsoft/teams.common';
import type { CommandService, CommandLimits, CommandServiceOptions } from '../../commands/service.js';
import { ConfigError } from '../../engine/errors.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
import { PersonaAvatars } from '../shared/persona-avatars.js';
import type { ProgressLane } from '../shared/progress-lane.js';
import { AckGate } from '../shared/ack-gate.js';
import { DeliveryDeduper } from '../shared/delivery-dedupe.js';
import { ConversationReferences } from './conversation-refs.js';
import { FileLinks } from './file-links.js';
import { TeamsHttpAdapter } from './http-adapter.js';
import { handleActivity } from './handle-activity.js';
import { ConversationSendQueue, type TeamsPacing } from './send-queue.js';
import { TeamsSink } from './teams-sink.js';

export interface CreateTeamsAppOptions {
  store: Store;
  model: LanguageModel;
  limits: CommandLimits;
  /** The bot's Microsoft App ID (`TEAMS_APP_ID`): inbound JWTs must be issued for it. */
  appId?: string;
  /** Its client secret (`TEAMS_APP_PASSWORD`); without it the SDK uses a managed identity. */
  appPassword?: string;
  /** Single-tenant apps: the Entra tenant the bot is registered in (`TEAMS_TENANT_ID`). */
  tenantId?: string;
  /** Accept unsigned activities (`TEAMS_ALLOW_ANONYMOUS=true`, for the local emulator and tests only). */
  allowAnonymous?: boolean;
  /** Public base URL (`TROUPE_PUBLIC_URL`) for avatars, chart images and export links. */
  publicUrl?: string;
  port?: number;
  host?: string;
  /** Overrides of the cloud's endpoints (tests point the OpenID metadata/JWKS at a loopback server). */
  cloud?: Partial<CloudEnvironment>;
  /** Outbound token source instead of the SDK's MSAL client (tests hand a fixed token). */
  token?: TokenProvider;
  sendQueue?: Partial<TeamsPacing>;
  /**
   * Minimum gap between two updates of one progress card (default 3000 ms): updates in between are
   * coalesced (latest wins) and the final update is always sent.
   */
  progressEditIntervalMs?: number;
  serviceOptions?: Partial<Pick<CommandServiceOptions, 'prices' | 'compactAnswersAbove' | 'jobQueue'>>;
  /** How long export links work (default 24 h). */
  linkTtlMs?: number;
  log?: (message: string, error?: unknown) => void;
}

/** A created Teams app: the SDK app, the command service behind it, and its lifecycle. */
export interface TeamsApp {
  app: App;
  service: CommandService;
  sink: TeamsSink;
  queue: ConversationSendQueue;
  /** The coalesced lane progress updates go through (outside `queue`). */
  progressLane: ProgressLane;
  links?: FileLinks;
  readonly port: number | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when every handled activity, job and queued post has finished. */
  whenIdle(): Promise<void>;
}

/**
 * Builds Troupe's Teams bot on the Teams SDK (`@microsoft/teams.apps`) from injected pieces, so
 * tests run the real SDK against a loopback fake connector and JWKS. Inbound activities hit
 * `POST /api/messages` on Troupe's own HTTP server (the SDK validates the JWT there, unless
 * anonymous mode was asked for explicitly) and are acknowledged at once; the work continues in the
 * background and posts proactively through the TeamsSink.
 *
 * @example
 *   const teams = createTeamsApp({ store, model, limits, appId, appPassword, publicUrl, port: 3978 });
 *   await teams.start();
 */
export function createTeamsApp(options: CreateTeamsAppOptions): TeamsApp {
  const log =
    options.log ??
    ((message: string, error?: unknown) =>
      process.stderr.write(
        `[teams] ${message}${error ? `: ${error instanceof Error ? error.message : String(error)}` : ''}\n`,
      ));
  if (!options.appId && !options.allowAnonymous)
    throw new ConfigError(
      'teams.config',
      'Teams needs TEAMS_APP_ID (with TEAMS_APP_PASSWORD or a managed identity); anonymous mode only with TEAMS_ALLOW_ANONYMOUS=true, e.g. TEAMS_APP_ID=00000000-0000-0000-0000-000000000000',
    );
  const avatars = new PersonaAvatars(options.store, options.publicUrl);
  const links = options.publicUrl ? new FileLinks(options.store, options.publicUrl, options.linkTtlMs) : undefined;
  // Acknowledgements first: background work and posts wait while an activity's 200 is still due.
  const gate = new AckGate();
  const http = new TeamsHttpAdapter({ avatars, links, gate });
  const app = new App({
    ...(options.appId ? { clientId: options.appId } : {}),
    ...(options.appPassword ? { clientSecret: options.appPassword } : {}),
    ...(options.tenantId ? { tenantId: options.tenantId } : {}),
    ...(options.token ? { token: options.token } : {}),
    cloud: withOverrides(PUBLIC, options.cloud ?? {}),
    httpServerAdapter: http,
    dangerouslyAllowUnauthenticatedRequests: Boolean(options.allowAnonymous),
    logger: quietLogger(log),
  });
  const queue = new ConversationSendQueue(options.sendQueue);
  const refs = new ConversationReferences(options.store);
  // updateActivity is paced apart from sends: progress updates never take a persona post's slot.
  const editQueue = new ConversationSendQueue(options.sendQueue);
  const sink = new TeamsSink({ app, refs, queue, editQueue, avatars, store: options.store, links });
  const surface = createChatSurface({
    sink,
    service: { store: options.store, model: options.model, limits: options.limits, ...options.serviceOptions },
    progressEditIntervalMs: options.progressEditIntervalMs,
    onProgressError: (error) => log('progress update failed', error),
    queues: [queue, editQueue],
    gate,
  });
  const { service, progressLane, background } = surface;
  const deps = {
    service,
    store: options.store,
    refs,
    dedupe: new DeliveryDeduper(options.store, 'teams'),
    tenants: new Set<string>(),
    log,
  };
  app.use(async (context) => {
    // Acknowledged at once (200 to the connector); the command runs after the response went out.
    const activity = context.activity;
    background(() =>
      handleActivity(deps, activity).catch((error: unknown) => log('handling a Teams activity failed', error)),
    );
  });

  let port: number | undefined;
  return {
    app,
    service,
    sink,
    queue,
    progressLane,
    links,
    get port() {
      return port;
    },
    async start() {
      await app.initialize();
      port = await http.listen(options.port ?? 3978, options.host);
    },
    async stop() {
      surface.close();
      await http.stop();
    },
    whenIdle: surface.whenIdle,
  };
}

/** The SDK's logger routed to Troupe's log: warnings and errors only, never activity bodies. */
function quietLogger(log: (message: string, error?: unknown) => void): ILogger {
  const logger: ILogger = {
    error: (...args: unknown[]) => log(`SDK error: ${String(args[0])}`, args[1]),
    warn: (...args: unknown[]) => log(`SDK warning: ${String(args[0])}`),
    info: () => undefined,
    debug: () => undefined,
    log: () => undefined,
    trace: () => undefined,
    child: () => logger,
  } as unknown as ILogger;
  return logger;
}
