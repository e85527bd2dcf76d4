import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** One Web API call the fake received. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
  at: number;
  /** What the fake answered (e.g. the `ts` of a posted message). */
  result?: Record<string, unknown>;
}

/** A message the fake holds (from `chat.postMessage`), as `conversations.history` / `.replies` return it. */
export interface FakeMessage {
  channel: string;
  ts: string;
  /** Set on replies, and on a thread's parent once it has replies (as Slack does). */
  thread_ts?: string;
  text?: string;
  username?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

/** A scripted answer for the next call(s) of a method. */
export type SlackOverride =
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'error'; error: string }
  | { kind: 'ok'; body: Record<string, unknown> }
  /** Answer as usual (a gap in a scripted storm of 429s). */
  | { kind: 'normal' }
  /** An HTTP error status; with `deliver` the call still takes effect (a reply lost after delivery). */
  | { kind: 'http-error'; status: number; deliver: boolean };

/** A file as Slack's Web API and events describe it (the fields Troupe reads). */
export interface SlackFileObject {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  size: number;
  url_private: string;
  url_private_download: string;
}

/**
 * A loopback fake of the Slack Web API (and the Socket Mode WebSocket) for tests of the real
 * `@slack/bolt` / `@slack/web-api` clients. Point the client at `apiUrl` (`slackApiUrl`).
 * Records every call; answers the methods Troupe uses; can answer 429 with `Retry-After`.
 *
 * @example
 *   const slack = await FakeSlack.start();
 *   const app = new App({ token: 'xoxb-test', signingSecret, clientOptions: { slackApiUrl: slack.apiUrl } });
 *   slack.rateLimitNext('chat.postMessage', 3, 1);
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  /** Uploaded file bodies by file id. */
  readonly uploads = new Map<string, Buffer>();
  /** Files users shared (`shareFile`), served at their `url_private` to a bot token only, like Slack. */
  private readonly shared = new Map<string, { name: string; bytes: Uint8Array; mimetype: string }>();
  /** Downloads of shared files: which file, and the token that asked. */
  readonly downloads: { fileId: string; token: string }[] = [];
  private readonly overrides = new Map<string, SlackOverride[]>();
  private readonly sockets = new Set<WebSocket>();
  private readonly acks: { envelope_id: string; payload?: unknown }[] = [];
  private ackWaiters: (() => void)[] = [];
  /** Every message posted, per channel, oldest first (what `conversations.history`/`.replies` read). */
  private readonly messages = new Map<string, FakeMessage[]>();
  private messageCounter = 0;
  private fileCounter = 0;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    readonly port: number,
  ) {}

  /**
   * With `postIntervalMs`, the fake enforces Slack's posting limit: a `chat.postMessage` to a channel
   * sooner than this after the last one it accepted there gets 429 with `Retry-After` (whole seconds).
   */
  static async start(
    options: { teamId?: string; botUserId?: string; postIntervalMs?: number } = {},
  ): Promise<FakeSlack> {
    const server = createServer();
    const wss = new WebSocketServer({ noServer: true });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeSlack(server, wss, (server.address() as AddressInfo).port);
    fake.teamId = options.teamId ?? 'T0001';
    fake.botUserId = options.botUserId ?? 'U0BOT';
    fake.postIntervalMs = options.postIntervalMs;
    server.on('request', (req, res) => void fake.handle(req, res));
    server.on('upgrade', (req, socket, head) => {
      wss.handleUpgrade(req, socket, head, (ws) => fake.acceptSocket(ws));
    });
    return fake;
  }

  teamId = 'T0001';
  botUserId = 'U0BOT';
  private postIntervalMs: number | undefined;
  /** When the fake last accepted a post, per channel (the posting limit's clock). */
  private readonly lastPostAt = new Map<string, number>();
  /** How many posts the posting limit answered with 429. */
  rateLimitedPosts = 0;

  /** Base URL for `slackApiUrl` (ends with `/api/`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** The next `times` calls of `method` get HTTP 429 with `Retry-After`. */
  rateLimitNext(method: string, times: number, retryAfterSeconds: number): void {
    for (let i = 0; i < times; i++) this.enqueue(method, { kind: 'rate-limited', retryAfterSeconds });
  }

  /** Queue a scripted answer for the next call of `method`. */
  enqueue(method: string, override: SlackOverride): void {
    const queue = this.overrides.get(method) ?? [];
    queue.push(override);
    this.overrides.set(method, queue);
  }

  callsOf(method: string): SlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** The messages of a channel (root messages), or of one thread (parent first), oldest first. */
  messagesOf(channel: string, threadTs?: string): FakeMessage[] {
    const all = this.messages.get(channel) ?? [];
    return threadTs
      ? all.filter((message) => message.ts === threadTs || message.thread_ts === threadTs)
      : all.filter((message) => !message.thread_ts || message.thread_ts === message.ts);
  }

  /** Sends a Socket Mode envelope to every connected client. */
  sendEnvelope(envelope: {
    envelope_id: string;
    type: string;
    payload: unknown;
    accepts_response_payload?: boolean;
    retry_attempt?: number;
    retry_reason?: string;
  }): void {
    const message = JSON.stringify({
      retry_attempt: 0,
      retry_reason: '',
      accepts_response_payload: false,
      ...envelope,
    });
    for (const socket of this.sockets) socket.send(message);
  }

  /** Socket Mode acknowledgements received so far. */
  get socketAcks(): readonly { envelope_id: string; payload?: unknown }[] {
    return this.acks;
  }

  /** Resolves when an ack for `envelopeId` has arrived. */
  async waitForAck(envelopeId: string, timeoutMs = 5_000): Promise<{ envelope_id: string; payload?: unknown }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.acks.find((ack) => ack.envelope_id === envelopeId);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no socket-mode ack for ${envelopeId}`);
      await new Promise<void>((resolve) => {
        this.ackWaiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  get connectedSockets(): number {
    return this.sockets.size;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private acceptSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      const parsed = JSON.parse(String(data)) as { envelope_id: string; payload?: unknown };
      this.acks.push(parsed);
      const waiters = this.ackWaiters;
      this.ackWaiters = [];
      for (const wake of waiters) wake();
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A0001' },
      }),
    );
  }

  /**
   * A file a user shares in Slack: kept here and described as a Slack file object (as a
   * `file_share` message's `files` carries it, and `files.info` returns it).
   */
  shareFile(name: string, bytes: Uint8Array, mimetype = 'application/json'): SlackFileObject {
    const id = `F${String(++this.fileCounter).padStart(6, '0')}`;
    this.shared.set(id, { name, bytes, mimetype });
    return this.fileObject(id)!;
  }

  private fileObject(id: string): SlackFileObject | undefined {
    const file = this.shared.get(id);
    if (!file) return undefined;
    const url = `http://127.0.0.1:${this.port}/files-pri/${this.teamId}-${id}/${encodeURIComponent(file.name)}`;
    return {
      id,
      name: file.name,
      title: file.name,
      mimetype: file.mimetype,
      filetype: file.name.split('.').pop() ?? '',
      size: file.bytes.byteLength,
      url_private: url,
      url_private_download: `${url}?download=1`,
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    if (url.pathname.startsWith('/files-pri/')) {
      const fileId = url.pathname.split('/')[2]?.split('-').pop() ?? '';
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      this.downloads.push({ fileId, token });
      const file = this.shared.get(fileId);
      // Slack answers a request without a bot token with its HTML sign-in page, not an error code.
      if (!file || !token.startsWith('xoxb-')) {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in to Slack</body></html>');
        return;
      }
      res.writeHead(200, { 'content-type': file.mimetype }).end(Buffer.from(file.bytes));
      return;
    }
    if (url.pathname.startsWith('/upload/')) {
      const fileId = url.pathname.slice('/upload/'.length);
      this.uploads.set(fileId, extractUploadedFile(req.headers['content-type'] ?? '', body));
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${body.length}`);
      return;
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const args = parseArgs(req.headers['content-type'] ?? '', body);
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || (args.token as string | undefined);
    const call: SlackCall = { method, args, token, at: Date.now() };
    this.calls.push(call);
    const override = this.overrides.get(method)?.shift() ?? this.postingLimit(method, args);
    if (override?.kind === 'rate-limited') {
      res.writeHead(429, { 'retry-after': String(override.retryAfterSeconds), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    if (override?.kind === 'http-error') {
      if (override.deliver) call.result = this.answer(method, args);
      res.writeHead(override.status, { 'content-type': 'text/plain' }).end('upstream trouble');
      return;
    }
    const answer =
      override?.kind === 'error'
        ? { ok: false, error: override.error }
        : override?.kind === 'ok'
          ? override.body
          : this.answer(method, args);
    call.result = answer;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  /** Slack's ~1 post per second per channel, when enforced: a 429 for a post that comes too soon. */
  private postingLimit(method: string, args: Record<string, unknown>): SlackOverride | undefined {
    if (this.postIntervalMs === undefined || method !== 'chat.postMessage') return undefined;
    const channel = String(args.channel);
    const now = performance.now();
    const wait = (this.lastPostAt.get(channel) ?? -Infinity) + this.postIntervalMs - now;
    if (wait > 0) {
      this.rateLimitedPosts += 1;
      return { kind: 'rate-limited', retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
    }
    this.lastPostAt.set(channel, now);
    return undefined;
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake',
          user: 'troupe',
          team_id: this.teamId,
          user_id: this.botUserId,
          bot_id: 'B0001',
        };
      case 'chat.postMessage': {
        if (!args.channel) return { ok: false, error: 'channel_not_found' };
        if (!args.text && !args.blocks) return { ok: false, error: 'no_text' };
        const ts = this.nextTs();
        this.keep(args, ts);
        return { ok: true, channel: args.channel, ts, message: { ...args, ts, thread_ts: args.thread_ts } };
      }
      case 'chat.update': {
        if (!args.ts) return { ok: false, error: 'message_not_found' };
        const kept = (this.messages.get(String(args.channel)) ?? []).find((message) => message.ts === args.ts);
        if (kept && typeof args.text === 'string') kept.text = args.text;
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      }
      case 'conversations.history':
        if (!args.channel) return { ok: false, error: 'channel_not_found' };
        return this.page([...this.messagesOf(String(args.channel))].reverse(), args);
      case 'conversations.replies': {
        if (!args.channel || !args.ts) return { ok: false, error: 'invalid_arguments' };
        const thread = this.messagesOf(String(args.channel), String(args.ts));
        if (!thread.some((message) => message.ts === args.ts)) return { ok: false, error: 'thread_not_found' };
        return this.page(thread, args);
      }
      case 'chat.postEphemeral':
        if (!args.user) return { ok: false, error: 'user_not_in_channel' };
        return { ok: true, message_ts: this.nextTs() };
      case 'files.getUploadURLExternal': {
        const fileId = `F${String(++this.fileCounter).padStart(6, '0')}`;
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = parseJsonArg(args.files) as { id: string; title?: string }[];
        return { ok: true, files: files.map((file) => ({ id: file.id, title: file.title ?? '' })) };
      }
      case 'files.info': {
        const file = this.fileObject(String(args.file ?? ''));
        return file ? { ok: true, file } : { ok: false, error: 'file_not_found' };
      }
      case 'reactions.add':
      case 'reactions.remove':
        return args.name && args.timestamp ? { ok: true } : { ok: false, error: 'invalid_arguments' };
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket` };
      case 'views.open':
      case 'views.publish':
        return { ok: true, view: { id: `V${this.nextTs()}` } };
      default:
        return { ok: true };
    }
  }

  /** Keeps a posted message; a reply marks its parent as a thread root (`thread_ts` = its own ts). */
  private keep(args: Record<string, unknown>, ts: string): void {
    const channel = String(args.channel);
    const list = this.messages.get(channel) ?? [];
    const threadTs = typeof args.thread_ts === 'string' && args.thread_ts ? args.thread_ts : undefined;
    const metadata = args.metadata === undefined ? undefined : (parseJsonArg(args.metadata) as FakeMessage['metadata']);
    list.push({
      channel,
      ts,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...(typeof args.text === 'string' ? { text: args.text } : {}),
      ...(typeof args.username === 'string' ? { username: args.username } : {}),
      ...(metadata ? { metadata } : {}),
    });
    const parent = threadTs ? list.find((message) => message.ts === threadTs) : undefined;
    if (parent && !parent.thread_ts) parent.thread_ts = parent.ts;
    this.messages.set(channel, list);
  }

  /** One page of messages (`limit`, `cursor` = offset); metadata only with `include_all_metadata`. */
  private page(messages: FakeMessage[], args: Record<string, unknown>): Record<string, unknown> {
    const limit = Math.max(1, Math.min(1000, Number(args.limit ?? 100) || 100));
    const start = Number(args.cursor ?? 0) || 0;
    const slice = messages.slice(start, start + limit);
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
    const more = start + limit < messages.length;
    return {
      ok: true,
      messages: slice.map(({ channel: _channel, metadata, ...message }) => ({
        type: 'message',
        ...message,
        ...(withMetadata && metadata ? { metadata } : {}),
      })),
      has_more: more,
      response_metadata: { next_cursor: more ? String(start + limit) : '' },
    };
  }

  private nextTs(): string {
    this.messageCounter += 1;
    return `1700000000.${String(this.messageCounter).padStart(6, '0')}`;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseArgs(contentType: string, body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8');
  if (!text) return {};
  if (contentType.includes('application/json')) return JSON.parse(text) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) args[key] = value;
  return args;
}

/** The uploaded bytes: the file part of a multipart body, or the raw body. */
function extractUploadedFile(contentType: string, body: Buffer): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) return body;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const start = body.indexOf(delimiter);
  const headerEnd = body.indexOf('\r\n\r\n', start);
  const end = body.indexOf(delimiter, headerEnd);
  if (start < 0 || headerEnd < 0 || end < 0) return body;
  return body.subarray(headerEnd + 4, end - 2);
}

function parseJsonArg(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}
