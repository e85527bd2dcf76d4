import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** The JSON fields of Discord request bodies the fake reads. */
export interface WireBody {
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  allowed_mentions?: { parse?: string[] };
  flags?: number;
  nonce?: string;
  enforce_nonce?: boolean;
  username?: string;
  avatar_url?: string;
  name?: string;
  type?: number;
  data?: WireBody;
  [key: string]: unknown;
}

/** One REST request the fake received (body parsed: JSON, or multipart `payload_json` plus files). */
export interface DiscordCall {
  method: string;
  /** Path after `/api/v10`, e.g. `/channels/1/messages`. */
  route: string;
  query: URLSearchParams;
  body: WireBody;
  files: { name: string; size: number; type: string }[];
  at: number;
}

/** A message as the fake stores it. */
export interface FakeDiscordMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  content: string;
  author: { id: string; username: string; bot?: boolean; discriminator: string; avatar: null };
  webhook_id?: string;
  /** The avatar URL a webhook post asked for (Discord would fetch it). */
  avatar_url?: string;
  nonce?: string;
  embeds: unknown[];
  components: unknown[];
  attachments: {
    id: string;
    filename: string;
    size: number;
    content_type: string;
    url: string;
    proxy_url?: string;
  }[];
  allowed_mentions?: { parse?: string[] };
  message_reference?: { message_id: string };
  /** Ids this message would ping: @everyone/@here only when allowed_mentions lets it. */
  mention_everyone: boolean;
  edits: number;
  interaction_token?: string;
  /** Seen only by the person who used the interaction. */
  ephemeral?: boolean;
}

interface Channel {
  id: string;
  guild_id: string;
  type: number;
  name: string;
  parent_id?: string;
}

const FAKE_EPOCH = 1_420_070_400_000n;
const APPLICATION_ID = '900000000000000001';
const BOT_ID = '900000000000000001';

/**
 * A loopback Discord: REST under `/api/v10` (messages, threads, webhooks, interactions callbacks,
 * command registration, typing) with rate-limit headers and optional 429 storms, and the gateway
 * (`GET /gateway/bot` → `ws://127.0.0.1:PORT/gateway`): HELLO, IDENTIFY → READY + GUILD_CREATE,
 * heartbeats and ACKs, dispatches with sequence numbers and RESUME (replaying missed dispatches)
 * after a dropped socket. Validated against the real discord.js in `discord-server.test.ts`.
 *
 * @example
 *   const discord = await FakeDiscord.start({ guilds: [{ id: '1', channels: ['10'] }] });
 *   const client = new Client({ intents, rest: { api: discord.apiUrl } });
 */
export class FakeDiscord {
  readonly applicationId = APPLICATION_ID;
  readonly botId = BOT_ID;
  readonly calls: DiscordCall[] = [];
  readonly messages: FakeDiscordMessage[] = [];
  readonly channels = new Map<string, Channel>();
  readonly webhooks: { id: string; token: string; channel_id: string; guild_id: string; name: string }[] = [];
  /** Interaction callbacks: `{ id, type, data }` in arrival order. */
  readonly callbacks: { interactionId: string; type: number; data?: WireBody }[] = [];
  readonly registered = new Map<string, unknown[]>();
  /** Gateway opcodes received from clients (1 heartbeat, 2 identify, 6 resume, …). */
  readonly gatewayOps: number[] = [];
  /** Files people attached (served at `GET /attachments/{id}/{name}`, like Discord's CDN), by id. */
  private readonly uploads = new Map<string, { name: string; bytes: Uint8Array; type: string }>();
  /** Attachment downloads served, by attachment id. */
  readonly downloads: string[] = [];
  private ids = 1n;
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private socket?: WebSocket;
  private sequence = 0;
  private readonly dispatched: { s: number; t: string; d: unknown }[] = [];
  private readonly sessionId = 'fake-session-1';
  private readonly guildIds: string[];
  /** Remaining 429 answers to give, per route prefix match. */
  private storm?: { match: (call: DiscordCall) => boolean; remaining: number; retryAfter: number };
  /** Fails the next matching request with 500 after storing its effect (an unknown outcome). */
  private failAfterEffect?: { match: (call: DiscordCall) => boolean; remaining: number };
  private readyWaiters: (() => void)[] = [];
  identified = 0;
  resumed = 0;
  rateLimited = 0;
  private readonly heartbeatMs: number;
  /** Discord's webhook bucket when enforced (`webhookLimit`): at most `max` executions per `ms` window, per webhook. */
  private readonly webhookLimit?: { max: number; ms: number };
  private readonly webhookWindows = new Map<string, { start: number; count: number }>();
  /** Webhook executions answered 429 because they went past `webhookLimit`. */
  webhookRejected = 0;
  /** The bot token REST calls must carry (`Authorization: Bot <token>`). */
  readonly token: string;

  private constructor(options: {
    guilds: { id: string; channels: string[] }[];
    heartbeatMs?: number;
    token?: string;
    webhookLimit?: { max: number; ms: number };
  }) {
    this.heartbeatMs = options.heartbeatMs ?? 41_250;
    this.webhookLimit = options.webhookLimit;
    this.token = options.token ?? 'test-token';
    this.guildIds = options.guilds.map((guild) => guild.id);
    for (const guild of options.guilds)
      for (const channel of guild.channels)
        this.channels.set(channel, { id: channel, guild_id: guild.id, type: 0, name: `general-${channel}` });
    this.server = createServer((request, response) => void this.handle(request, response));
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (request, socket, head) =>
      this.wss.handleUpgrade(request, socket, head, (ws) => this.onSocket(ws)),
    );
  }

  /** `webhookLimit` (e.g. `{ max: 5, ms: 2000 }`) enforces Discord's webhook bucket with real headers and 429s. */
  static async start(
    options: {
      guilds?: { id: string; channels: string[] }[];
      heartbeatMs?: number;
      token?: string;
      webhookLimit?: { max: number; ms: number };
    } = {},
  ): Promise<FakeDiscord> {
    const fake = new FakeDiscord({ guilds: options.guilds ?? [{ id: '100', channels: ['110'] }], ...options });
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** REST base for discord.js (`rest: { api }`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A fresh snowflake, increasing (so ids sort by time as on Discord). */
  snowflake(): string {
    const now = BigInt(Date.now()) - FAKE_EPOCH;
    return String((now << 22n) + this.ids++);
  }

  /** Answers the next `count` matching requests with 429 and `retry_after` (seconds). */
  rateLimitNext(count: number, match: (call: DiscordCall) => boolean = () => true, retryAfter = 0.02): void {
    this.storm = { match, remaining: count, retryAfter };
  }

  /** Stores the effect of the next matching request, then answers 500 (the client cannot know it arrived). */
  failAfterStoring(match: (call: DiscordCall) => boolean, count = 1): void {
    this.failAfterEffect = { match, remaining: count };
  }

  /** The webhook bucket a webhook execution falls in (fixed windows, as Discord's `reset-after` describes). */
  private webhookBucket(call: DiscordCall) {
    const hook = /^\/webhooks\/(\d+)\/[^/]+$/.exec(call.route);
    if (!this.webhookLimit || call.method !== 'POST' || !hook) return undefined;
    const now = Date.now();
    let window = this.webhookWindows.get(hook[1]);
    if (!window || now >= window.start + this.webhookLimit.ms) {
      window = { start: now, count: 0 };
      this.webhookWindows.set(hook[1], window);
    }
    const limited = window.count >= this.webhookLimit.max;
    if (!limited) window.count++;
    const resetAfter = Math.max(0.001, (window.start + this.webhookLimit.ms - now) / 1000);
    const headers = {
      'x-ratelimit-limit': String(this.webhookLimit.max),
      'x-ratelimit-remaining': String(this.webhookLimit.max - window.count),
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
      'x-ratelimit-reset': ((window.start + this.webhookLimit.ms) / 1000).toFixed(3),
      'x-ratelimit-bucket': `webhook-${hook[1]}`,
    };
    return { limited, resetAfter, headers };
  }

  callsTo(method: string, pattern: RegExp): DiscordCall[] {
    return this.calls.filter((call) => call.method === method && pattern.test(call.route));
  }

  messagesIn(channelId: string): FakeDiscordMessage[] {
    return this.messages.filter((message) => message.channel_id === channelId);
  }

  /** Resolves once a client has identified (or resumed) and READY was sent. */
  whenReady(): Promise<void> {
    if (this.socket && this.identified + this.resumed > 0) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Sends a gateway dispatch (sequence-numbered, kept for RESUME). */
  dispatch(t: string, d: unknown): void {
    const s = ++this.sequence;
    this.dispatched.push({ s, t, d });
    this.socket?.send(JSON.stringify({ op: 0, t, s, d }));
  }

  /** Closes the gateway socket as a network drop would (code 4000: the client resumes). */
  dropSocket(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(4000, 'dropped');
  }

  /**
   * Forgets that dispatches after `seq` were delivered, so the next RESUME replays them again
   * (a gateway replay of events the client already handled).
   */
  replayAfter(seq: number): void {
    this.replayFrom = seq;
  }
  private replayFrom?: number;

  get lastSequence(): number {
    return this.sequence;
  }

  /** Dispatches an INTERACTION_CREATE and returns its payload (same id and token can be re-sent). */
  interaction(payload: {
    type: number;
    guildId: string;
    channelId: string;
    userId?: string;
    data: Record<string, unknown>;
    message?: FakeDiscordMessage;
    id?: string;
    /** Files attached to attachment options (sent as `data.resolved.attachments`, keyed by id). */
    attachments?: FakeDiscordMessage['attachments'];
  }): Record<string, unknown> {
    const channel = this.channels.get(payload.channelId);
    const id = payload.id ?? this.snowflake();
    const data = payload.attachments?.length
      ? {
          ...payload.data,
          resolved: {
            ...((payload.data.resolved as Record<string, unknown> | undefined) ?? {}),
            attachments: Object.fromEntries(payload.attachments.map((file) => [file.id, file])),
          },
        }
      : payload.data;
    const d = {
      id,
      application_id: APPLICATION_ID,
      type: payload.type,
      token: `itoken-${id}`,
      version: 1,
      guild_id: payload.guildId,
      channel_id: payload.channelId,
      channel: channel
        ? {
            id: channel.id,
            type: channel.type,
            name: channel.name,
            guild_id: channel.guild_id,
            parent_id: channel.parent_id,
          }
        : { id: payload.channelId, type: 0, name: 'unknown', guild_id: payload.guildId },
      member: {
        user: this.user(payload.userId ?? '700'),
        roles: [],
        joined_at: new Date(0).toISOString(),
        deaf: false,
        mute: false,
        permissions: '2147483647',
        flags: 0,
      },
      app_permissions: '2147483647',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': payload.guildId },
      context: 0,
      data,
      ...(payload.message ? { message: this.wire(payload.message) } : {}),
    };
    this.dispatch('INTERACTION_CREATE', d);
    return d;
  }

  /** Re-sends an interaction payload exactly as before (Discord retrying a delivery). */
  redeliver(payload: Record<string, unknown>): void {
    this.dispatch('INTERACTION_CREATE', payload);
  }

  /** A person writes a message (stored and dispatched as MESSAGE_CREATE). */
  userMessage(options: {
    channelId: string;
    content: string;
    userId?: string;
    replyTo?: string;
    mentionsBot?: boolean;
    /** Files the message carries (from `attach`). */
    attachments?: FakeDiscordMessage['attachments'];
  }): FakeDiscordMessage {
    const channel = this.channels.get(options.channelId);
    const message = this.store({
      channel_id: options.channelId,
      guild_id: channel?.guild_id,
      content: options.content,
      ...(options.attachments ? { attachments: options.attachments } : {}),
      author: this.user(options.userId ?? '700'),
      ...(options.replyTo ? { message_reference: { message_id: options.replyTo } } : {}),
    });
    this.dispatch('MESSAGE_CREATE', {
      ...message,
      type: options.replyTo ? 19 : 0,
      mentions: options.mentionsBot ? [this.user(BOT_ID, true)] : [],
      ...(options.replyTo
        ? {
            message_reference: {
              message_id: options.replyTo,
              channel_id: options.channelId,
              guild_id: channel?.guild_id,
            },
            referenced_message: this.messages.find((m) => m.id === options.replyTo) ?? null,
          }
        : {}),
    });
    return message;
  }

  /**
   * A file a person attaches: kept and served at `GET /attachments/{id}/{name}` on this server
   * (the fake's CDN), returned in Discord's attachment shape for a message or `resolved.attachments`.
   */
  attach(
    name: string,
    bytes: Uint8Array | string,
    type = 'application/json',
  ): FakeDiscordMessage['attachments'][number] {
    const id = this.snowflake();
    const content = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    this.uploads.set(id, { name, bytes: content, type });
    const url = `http://127.0.0.1:${this.port}/attachments/${id}/${encodeURIComponent(name)}`;
    return { id, filename: name, size: content.byteLength, content_type: type, url, proxy_url: url };
  }

  private user(id: string, bot = false) {
    return {
      id,
      username: bot ? 'Troupe' : `user${id}`,
      discriminator: '0',
      avatar: null,
      global_name: null,
      ...(bot ? { bot } : {}),
    };
  }

  private store(partial: Partial<FakeDiscordMessage> & { channel_id: string; content: string }): FakeDiscordMessage {
    const message: FakeDiscordMessage = {
      id: this.snowflake(),
      author: this.user(BOT_ID, true),
      embeds: [],
      components: [],
      attachments: [],
      edits: 0,
      ...partial,
      mention_everyone:
        /@(everyone|here)/.test(partial.content) &&
        (partial.allowed_mentions?.parse ?? ['everyone']).includes('everyone'),
    };
    this.messages.push(message);
    return message;
  }

  private wire(message: FakeDiscordMessage) {
    const {
      edits: _edits,
      avatar_url: _avatar,
      allowed_mentions: _allowed,
      interaction_token: _token,
      ephemeral,
      ...rest
    } = message;
    return {
      ...rest,
      type: message.message_reference ? 19 : 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: message.edits ? new Date().toISOString() : null,
      tts: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
      flags: ephemeral ? 64 : 0,
    };
  }

  // ── gateway ──────────────────────────────────────────────────────────────────────────────────

  private onSocket(ws: WebSocket): void {
    this.socket = ws;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatMs } }));
    ws.on('message', (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number; d: unknown };
      this.gatewayOps.push(packet.op);
      if (packet.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (packet.op === 2) this.identify(ws);
      if (packet.op === 6) this.resume(ws, packet.d as { seq: number; session_id: string });
    });
  }

  private identify(ws: WebSocket): void {
    this.identified++;
    const s = ++this.sequence;
    ws.send(
      JSON.stringify({
        op: 0,
        t: 'READY',
        s,
        d: {
          v: 10,
          user: { ...this.user(BOT_ID, true), verified: true, flags: 0, mfa_enabled: false },
          guilds: this.guildIds.map((id) => ({ id, unavailable: true })),
          session_id: this.sessionId,
          resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
          shard: [0, 1],
          application: { id: APPLICATION_ID, flags: 0 },
        },
      }),
    );
    for (const id of this.guildIds) this.dispatch('GUILD_CREATE', this.guild(id));
    for (const waiter of this.readyWaiters.splice(0)) waiter();
  }

  private resume(ws: WebSocket, d: { seq: number; session_id: string }): void {
    if (d.session_id !== this.sessionId) {
      ws.send(JSON.stringify({ op: 9, d: false }));
      return;
    }
    this.resumed++;
    const from = Math.min(d.seq, this.replayFrom ?? d.seq);
    this.replayFrom = undefined;
    for (const event of this.dispatched.filter((candidate) => candidate.s > from))
      ws.send(JSON.stringify({ op: 0, t: event.t, s: event.s, d: event.d }));
    ws.send(JSON.stringify({ op: 0, t: 'RESUMED', s: ++this.sequence, d: {} }));
    for (const waiter of this.readyWaiters.splice(0)) waiter();
  }

  private guild(id: string) {
    return {
      id,
      name: `guild-${id}`,
      icon: null,
      owner_id: '700',
      unavailable: false,
      member_count: 2,
      large: false,
      joined_at: new Date(0).toISOString(),
      roles: [
        {
          id,
          name: '@everyone',
          permissions: '2147483647',
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      members: [],
      presences: [],
      voice_states: [],
      threads: [],
      stage_instances: [],
      guild_scheduled_events: [],
      features: [],
      premium_tier: 0,
      preferred_locale: 'en-US',
      channels: [...this.channels.values()]
        .filter((channel) => channel.guild_id === id && channel.type === 0)
        .map((channel) => ({
          id: channel.id,
          type: 0,
          name: channel.name,
          position: 0,
          permission_overwrites: [],
          guild_id: id,
        })),
    };
  }

  // ── REST ─────────────────────────────────────────────────────────────────────────────────────

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const attachment = /^\/attachments\/(\d+)\//.exec(url.pathname);
    if (attachment && request.method === 'GET') {
      const file = this.uploads.get(attachment[1]);
      this.downloads.push(attachment[1]);
      response.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain' });
      response.end(file ? Buffer.from(file.bytes) : 'Not Found');
      return;
    }
    const route = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const call: DiscordCall = {
      method: request.method ?? 'GET',
      route,
      query: url.searchParams,
      body: {},
      files: [],
      at: Date.now(),
    };
    const type = String(request.headers['content-type'] ?? '');
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      for (const [name, value] of form.entries()) {
        if (name === 'payload_json') call.body = JSON.parse(String(value));
        else if (typeof value !== 'string') call.files.push({ name: value.name, size: value.size, type: value.type });
      }
    } else if (raw.length) call.body = JSON.parse(raw.toString('utf8'));
    this.calls.push(call);
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '4',
        'x-ratelimit-reset-after': '0.001',
        'x-ratelimit-reset': String(Date.now() / 1000 + 0.001),
        'x-ratelimit-bucket': `bucket-${route.split('/').slice(0, 3).join('-')}`,
        ...headers,
      });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (
      request.headers.authorization !== `Bot ${this.token}` &&
      !route.startsWith('/interactions/') &&
      !/^\/webhooks\//.test(route)
    ) {
      send(401, { message: '401: Unauthorized', code: 0 });
      return;
    }
    const bucket = this.webhookBucket(call);
    if (bucket?.limited) {
      this.webhookRejected++;
      send(
        429,
        { message: 'You are being rate limited.', retry_after: bucket.resetAfter, global: false },
        { 'retry-after': String(bucket.resetAfter), ...bucket.headers, 'x-ratelimit-scope': 'user' },
      );
      return;
    }
    if (this.storm && this.storm.remaining > 0 && this.storm.match(call)) {
      this.storm.remaining--;
      this.rateLimited++;
      send(
        429,
        { message: 'You are being rate limited.', retry_after: this.storm.retryAfter, global: false },
        { 'retry-after': String(this.storm.retryAfter), 'x-ratelimit-remaining': '0', 'x-ratelimit-scope': 'user' },
      );
      return;
    }
    const result = this.route(call);
    if (this.failAfterEffect && this.failAfterEffect.remaining > 0 && this.failAfterEffect.match(call)) {
      this.failAfterEffect.remaining--;
      send(500, { message: 'Internal Server Error', code: 0 });
      return;
    }
    send(result.status, result.body, bucket?.headers);
  }

  private route(call: DiscordCall): { status: number; body?: unknown } {
    const { method, route, body } = call;
    let match: RegExpExecArray | null;
    if (method === 'GET' && route === '/gateway/bot')
      return {
        status: 200,
        body: {
          url: `ws://127.0.0.1:${this.port}/gateway`,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      };
    if (method === 'GET' && route === '/users/@me') return { status: 200, body: this.user(BOT_ID, true) };
    match = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(route);
    if (match && method === 'PUT') {
      const scope = match[2] ? `guild:${match[2]}` : 'global';
      const list = (body as unknown as Record<string, unknown>[]).map((command) => ({
        ...command,
        id: this.snowflake(),
        application_id: APPLICATION_ID,
        version: '1',
        ...(match?.[2] ? { guild_id: match[2] } : {}),
      }));
      this.registered.set(scope, list);
      return { status: 200, body: list };
    }
    match = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(route);
    if (match && method === 'POST') {
      this.callbacks.push({ interactionId: match[1], type: Number(body.type), data: body.data });
      // A (deferred) channel message response creates the interaction's original message.
      if (body.type === 4 || body.type === 5)
        this.store({
          channel_id: this.channelOfToken(match[2]),
          content: String(body.data?.content ?? ''),
          embeds: body.data?.embeds ?? [],
          components: body.data?.components ?? [],
          allowed_mentions: body.data?.allowed_mentions,
          interaction_token: match[2],
          ephemeral: Boolean((body.data?.flags ?? 0) & 64),
        });
      if (call.query.get('with_response') === 'true')
        return { status: 200, body: { interaction: { id: match[1], type: body.type }, resource: { type: body.type } } };
      return { status: 204 };
    }
    match = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/.exec(route);
    if (match) {
      const token = match[2];
      const original = this.messages.find((message) => message.interaction_token === token);
      if (method === 'DELETE') {
        if (original) this.messages.splice(this.messages.indexOf(original), 1);
        return { status: 204 };
      }
      if (method === 'PATCH') {
        if (!original) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
        this.applyEdit(original, body, call);
        return { status: 200, body: this.wire(original) };
      }
      if (original) return { status: 200, body: this.wire(original) };
      return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    }
    match = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(route);
    if (match && method === 'POST') {
      const [, id, token] = match;
      if (id === APPLICATION_ID) {
        const message = this.store({
          channel_id: this.channelOfToken(token),
          content: String(body.content ?? ''),
          embeds: body.embeds ?? [],
          components: body.components ?? [],
          allowed_mentions: body.allowed_mentions,
          attachments: this.attachments(call),
          ephemeral: Boolean((body.flags ?? 0) & 64),
        });
        return { status: 200, body: { ...this.wire(message), flags: body.flags ?? 0 } };
      }
      const hook = this.webhooks.find((candidate) => candidate.id === id && candidate.token === token);
      if (!hook) return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
      const threadId = call.query.get('thread_id');
      const message = this.store({
        channel_id: threadId ?? hook.channel_id,
        guild_id: hook.guild_id,
        content: String(body.content ?? ''),
        author: {
          id: hook.id,
          username: String(body.username ?? hook.name),
          discriminator: '0000',
          avatar: null,
          bot: true,
        },
        webhook_id: hook.id,
        avatar_url: body.avatar_url,
        embeds: body.embeds ?? [],
        allowed_mentions: body.allowed_mentions,
        attachments: this.attachments(call),
      });
      return call.query.get('wait') === 'true' ? { status: 200, body: this.wire(message) } : { status: 204 };
    }
    match = /^\/channels\/(\d+)\/webhooks$/.exec(route);
    if (match) {
      const channel = this.channels.get(match[1]);
      if (!channel) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
      if (method === 'GET')
        return {
          status: 200,
          body: this.webhooks.filter((hook) => hook.channel_id === channel.id).map((hook) => this.wireHook(hook)),
        };
      if (method === 'POST') {
        if (this.webhooks.filter((hook) => hook.channel_id === channel.id).length >= 15)
          return { status: 400, body: { message: 'Maximum number of webhooks reached (15)', code: 30007 } };
        const hook = {
          id: this.snowflake(),
          token: `wtoken-${this.ids}`,
          channel_id: channel.id,
          guild_id: channel.guild_id,
          name: String(body.name),
        };
        this.webhooks.push(hook);
        return { status: 200, body: this.wireHook(hook) };
      }
    }
    match = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(route);
    if (match && method === 'POST') {
      const parent = this.channels.get(match[1]);
      if (!parent) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
      if (this.channels.has(match[2]))
        return { status: 400, body: { message: 'A thread has already been created for this message', code: 160004 } };
      const thread: Channel = {
        id: match[2],
        guild_id: parent.guild_id,
        type: 11,
        name: String(body.name),
        parent_id: parent.id,
      };
      this.channels.set(thread.id, thread);
      const wire = {
        ...thread,
        owner_id: BOT_ID,
        thread_metadata: {
          archived: false,
          auto_archive_duration: 1440,
          locked: false,
          archive_timestamp: new Date().toISOString(),
        },
        message_count: 0,
        member_count: 1,
      };
      // As on Discord, the gateway announces the new thread (so clients cache it).
      this.dispatch('THREAD_CREATE', { ...wire, newly_created: true });
      return { status: 201, body: wire };
    }
    match = /^\/channels\/(\d+)\/typing$/.exec(route);
    if (match && method === 'POST') return { status: 204 };
    match = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(route);
    if (match && method === 'PATCH') {
      const message = this.messages.find(
        (candidate) => candidate.id === match![2] && candidate.channel_id === match![1],
      );
      if (!message) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
      this.applyEdit(message, body, call);
      return { status: 200, body: this.wire(message) };
    }
    match = /^\/channels\/(\d+)\/messages$/.exec(route);
    if (match) {
      const channel = this.channels.get(match[1]);
      if (!channel) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
      if (method === 'GET') {
        const limit = Number(call.query.get('limit') ?? 50);
        const before = call.query.get('before');
        const list = this.messagesIn(channel.id)
          .filter((message) => !before || BigInt(message.id) < BigInt(before))
          .reverse()
          .slice(0, limit);
        // Discord returns no nonce on fetched messages.
        return { status: 200, body: list.map((message) => ({ ...this.wire(message), nonce: undefined })) };
      }
      if (method === 'POST') {
        if (body.enforce_nonce && body.nonce) {
          const earlier = this.messagesIn(channel.id).find((message) => message.nonce === body.nonce);
          if (earlier) return { status: 200, body: this.wire(earlier) };
        }
        const message = this.store({
          channel_id: channel.id,
          guild_id: channel.guild_id,
          content: String(body.content ?? ''),
          embeds: body.embeds ?? [],
          components: body.components ?? [],
          nonce: body.nonce,
          allowed_mentions: body.allowed_mentions,
          attachments: this.attachments(call),
        });
        return { status: 200, body: this.wire(message) };
      }
    }
    return { status: 404, body: { message: `404: Not Found (${method} ${route})`, code: 0 } };
  }

  private applyEdit(message: FakeDiscordMessage, body: WireBody, call: DiscordCall): void {
    if (body.content !== undefined) message.content = String(body.content);
    if (body.embeds !== undefined) message.embeds = body.embeds;
    if (body.components !== undefined) message.components = body.components;
    if (call.files.length) message.attachments = this.attachments(call);
    message.edits++;
  }

  private attachments(call: DiscordCall): FakeDiscordMessage['attachments'] {
    return call.files.map((file) => ({
      id: this.snowflake(),
      filename: file.name,
      size: file.size,
      content_type: file.type,
      url: `https://cdn.discord.test/${file.name}`,
    }));
  }

  private channelOfToken(token: string): string {
    const event = this.dispatched.find((candidate) => (candidate.d as { token?: string }).token === token);
    return (event?.d as { channel_id?: string } | undefined)?.channel_id ?? '0';
  }

  private wireHook(hook: FakeDiscord['webhooks'][number]) {
    return { ...hook, type: 1, application_id: APPLICATION_ID, avatar: null, user: this.user(BOT_ID, true) };
  }
}
