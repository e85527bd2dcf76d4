import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import type { CommandServiceOptions } from '../../commands/service.js';
import type { Store } from '../../engine/store/ports.js';
import { createChatSurface, type ChatSurface } from '../shared/chat-surface.js';
import { close, listen } from '../shared/http-listen.js';
import { PersonaAvatars } from '../shared/persona-avatars.js';
import { isWebChannel, jobsOfChannels } from './channel-jobs.js';
import { buildClientBundle } from './client-bundle.js';
import { LiveHub } from './live-hub.js';
import { isLoopbackHost, WebSessions } from './web-auth.js';
import { createWebApp } from './web-app.js';
import { WebSink } from './web-sink.js';
import { WebTimeline } from './web-timeline.js';

/** Where the playground listens and who may use it (`AppConfig.web`). */
export interface WebListenOptions {
  host: string;
  /** A port, or undefined for the default (5173, or a free one when 5173 is taken). */
  port?: number;
  /** Required for a non-loopback host (checked by `loadConfig`). */
  token?: string;
}

export interface StartWebOptions extends Omit<CommandServiceOptions, 'sink' | 'store'>, WebListenOptions {
  store: Store;
  tenantId?: string;
  channelKey?: string;
  /** At most one progress edit per message this often (default 1000 ms: a page redraws cheaply). */
  progressEditIntervalMs?: number;
  onError?: (error: unknown) => void;
}

/** A running playground. */
export interface WebPlayground {
  url: string;
  port: number;
  surface: ChatSurface;
  hub: LiveHub;
  stop(): Promise<void>;
}

export const DEFAULT_WEB_PORT = 5173;

/**
 * Serves the web playground: one web channel (`web:main`) of the local tenant, so the panels are the terminal chat's
 * (or any local surface's) too. Builds the browser bundle, wires the `WebSink` through the shared chat surface,
 * resumes the web channel's unfinished jobs, and listens (127.0.0.1 unless told otherwise).
 *
 * @example
 *   const web = await startWebPlayground({ store, model, limits, host: '127.0.0.1' });
 *   console.log(`Playground: ${web.url}`);
 */
export async function startWebPlayground(options: StartWebOptions): Promise<WebPlayground> {
  const tenantId = options.tenantId ?? 'local';
  const channelKey = options.channelKey ?? 'web:main';
  await options.store.ensureTenant({ id: tenantId, platform: 'local', name: 'local workspace' });
  const store = jobsOfChannels(options.store, isWebChannel);
  const timeline = new WebTimeline(store);
  const hub = new LiveHub();
  const avatars = new PersonaAvatars(store);
  const sink = new WebSink({ timeline, hub, avatars });
  const onError = options.onError ?? (() => undefined);
  const { host, port, token, progressEditIntervalMs } = options;
  const surface = createChatSurface({
    sink,
    service: {
      store,
      model: options.model,
      limits: options.limits,
      prices: options.prices,
      compactAnswersAbove: options.compactAnswersAbove,
      retryNotices: options.retryNotices,
      log: options.log,
    },
    progressEditIntervalMs: progressEditIntervalMs ?? 1000,
    onProgressError: onError,
    queues: [],
  });
  const app = createWebApp({
    store,
    model: options.model,
    surface,
    timeline,
    hub,
    avatars,
    bundle: await buildClientBundle(),
    sessions: new WebSessions(token),
    loopbackOnly: isLoopbackHost(host),
    tenantId,
    channelKey,
  });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  const bound = await listenWithFallback(server, port, host);
  await surface.service.recoverJobs();
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${bound}`,
    port: bound,
    surface,
    hub,
    async stop() {
      surface.close();
      await close(server);
    },
  };
}

async function listenWithFallback(server: Server, port: number | undefined, host: string): Promise<number> {
  if (port !== undefined) return listen(server, port, host);
  try {
    return await listen(server, DEFAULT_WEB_PORT, host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return listen(server, 0, host);
  }
}
