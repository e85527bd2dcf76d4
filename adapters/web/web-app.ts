import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { MAX_PASTED_JSON_CHARS } from '../../commands/grammar/raw-json.js';
import { personaCard, requirePersona } from '../../commands/panels/persona-card.js';
import { errorReply } from '../../commands/replies.js';
import type { Conversation } from '../../commands/reply.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
import type { ChatSurface } from '../shared/chat-surface.js';
import type { PersonaAvatars } from '../shared/persona-avatars.js';
import type { ClientBundle } from './client-bundle.js';
import type { LiveHub } from './live-hub.js';
import { PAGE_HTML } from './page-html.js';
import type { WebSessions } from './web-auth.js';
import { type GuardVariables, webGuard } from './web-guard.js';
import type { WebEvent, WebMessage } from './web-message.js';
import { webPanels, webState } from './web-state.js';
import { avatarPath } from './web-sink.js';
import type { WebTimeline } from './web-timeline.js';

/** What the playground's routes work with. */
export interface WebAppDeps {
  store: Store;
  model: LanguageModel;
  surface: ChatSurface;
  timeline: WebTimeline;
  hub: LiveHub;
  avatars: PersonaAvatars;
  bundle: ClientBundle;
  sessions: WebSessions;
  loopbackOnly: boolean;
  tenantId: string;
  channelKey: string;
  /** Seconds between keep-alive comments on the event stream (default 15). */
  keepAliveSeconds?: number;
}

const threadKey = z.string().regex(/^[\w-]{1,64}$/, 'a thread key such as m1a2b3c');
const messageBody = z.object({
  text: z
    .string()
    .trim()
    .min(1, 'type a command, e.g. /help')
    .max(MAX_PASTED_JSON_CHARS + 1000),
  threadKey: threadKey.optional(),
});

/**
 * The playground's HTTP routes (Hono): the page and its bundle, the state of the channel and of a thread, a message
 * (a command or a follow-up, handled by the same command service as every chat), the live event stream (SSE), charts
 * and exports, persona cards and avatars — all behind `webGuard`, all scoped to the one local tenant.
 *
 * @example
 *   const app = createWebApp(deps);
 *   serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
 */
export function createWebApp(deps: WebAppDeps): Hono<{ Variables: GuardVariables }> {
  const app = new Hono<{ Variables: GuardVariables }>();
  const { tenantId, channelKey } = deps;
  const conversation = (userId: string, thread?: string): Conversation => ({
    tenantId,
    channelKey,
    userId,
    ...(thread ? { threadKey: thread } : {}),
  });

  app.use('*', webGuard({ sessions: deps.sessions, loopbackOnly: deps.loopbackOnly }));

  app.get('/', (c) => c.html(PAGE_HTML));
  app.get('/assets/app.js', (c) => c.body(deps.bundle.js, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/assets/app.css', (c) => c.body(deps.bundle.css, 200, { 'content-type': 'text/css; charset=utf-8' }));

  app.get('/api/state', async (c) =>
    c.json(await webState(deps, { tenantId, channelKey, userId: c.get('userId') }), 200, {
      'cache-control': 'no-store',
    }),
  );
  app.get('/api/panels', async (c) => c.json(await webPanels(deps.store, tenantId, channelKey)));
  app.get('/api/threads/:key', async (c) => {
    const key = threadKey.safeParse(c.req.param('key'));
    if (!key.success) return c.json({ error: 'No such thread. Example: /api/threads/m1a2b3c' }, 400);
    return c.json(await deps.timeline.list(tenantId, channelKey, key.data));
  });

  const limit = bodyLimit({
    maxSize: 4 * (MAX_PASTED_JSON_CHARS + 1000),
    onError: (c) => c.json({ error: `Message too long: at most ${MAX_PASTED_JSON_CHARS} characters.` }, 413),
  });
  app.post('/api/messages', limit, async (c) => {
    const parsed = messageBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success)
      return c.json({ error: `Bad message: ${parsed.error.issues[0]?.message}. Example: {"text":"/help"}` }, 400);
    const where = conversation(c.get('userId'), parsed.data.threadKey);
    if (where.threadKey && !parsed.data.text.startsWith('/')) {
      // A follow-up is part of the thread: everyone sees it, a reload keeps it. (A question at the channel root is
      // shown by the message that opens its thread.)
      const message: WebMessage = {
        id: `u${Date.now().toString(36)}${randomBytes(4).toString('hex')}`,
        at: new Date().toISOString(),
        ...(where.threadKey ? { threadKey: where.threadKey } : {}),
        kind: 'text',
        speaker: { kind: 'user', name: `person ${where.userId.slice(2, 6)}`, userId: where.userId },
        text: parsed.data.text,
      };
      await deps.timeline.upsert(tenantId, channelKey, message);
      deps.hub.toTenant(tenantId, { type: 'message', message });
    }
    const work = deps.surface.service.handle(where, parsed.data.text);
    deps.surface.track(work);
    const outcome = await work;
    return c.json({ ok: outcome.ok, jobId: outcome.jobId }, 202);
  });

  app.get('/api/persona', async (c) => {
    const name = c.req.query('name') ?? '';
    const where = conversation(c.get('userId'));
    try {
      const persona = await requirePersona(deps.store, where, name);
      const card = await personaCard(deps.store, deps.model, where, persona.name);
      return c.json({
        name: persona.name,
        avatarUrl: avatarPath(persona.id),
        text: card.kind === 'text' ? card.text : '',
        blocks: card.kind === 'text' ? (card.blocks ?? []) : [],
      });
    } catch (error) {
      const reply = errorReply(error);
      return c.json({ error: reply.kind === 'text' ? reply.text : 'Could not load this persona.' }, 404);
    }
  });

  app.get('/api/files/:id', async (c) => {
    const blob = await deps.timeline.blob(tenantId, c.req.param('id'));
    if (!blob) return c.text('No such file.', 404);
    const image = blob.mimeType === 'image/png';
    const filename = blob.filename.replace(/[^\w.-]+/g, '-');
    return c.body(new Uint8Array(blob.bytes), 200, {
      'content-type': blob.mimeType,
      'content-disposition': `${image ? 'inline' : 'attachment'}; filename="${filename}"`,
      'cache-control': 'private, max-age=3600',
    });
  });

  app.get('/avatars/:file', async (c) => {
    const id = /^(.+)\.png$/.exec(c.req.param('file'))?.[1];
    const png = id ? await deps.avatars.png(tenantId, decodeURIComponent(id)) : undefined;
    if (!png) return c.text('No such avatar.', 404);
    return c.body(new Uint8Array(png), 200, { 'content-type': 'image/png', 'cache-control': 'private, max-age=86400' });
  });

  app.get('/api/events', (c) =>
    streamSSE(c, async (stream) => {
      const queue: WebEvent[] = [];
      let wake: (() => void) | undefined;
      const leave = deps.hub.join({
        tenantId,
        userId: c.get('userId'),
        send: (event) => {
          queue.push(event);
          wake?.();
        },
      });
      let open = true;
      stream.onAbort(() => {
        open = false;
        leave();
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: '{}' });
      while (open) {
        const event = queue.shift();
        if (event) {
          await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
          continue;
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, (deps.keepAliveSeconds ?? 15) * 1000);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
        if (open && !queue.length) await stream.write(': keep-alive\n\n');
      }
      leave();
    }),
  );

  return app;
}
