import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Activity JSON as it crosses the wire: tests inspect it loosely. */
// biome-ignore lint/suspicious/noExplicitAny: wire JSON of any shape, read field by field in assertions
export type WireJson = Record<string, any>;

/** One connector call the fake received. */
export interface ConnectorCall {
  method: 'create-conversation' | 'send' | 'update';
  /** The conversation id in the URL (for send/update), e.g. `19:c1@thread.tacv2;messageid=17…`. */
  conversationId?: string;
  activityId?: string;
  body: WireJson;
  authorization?: string;
  /** What the fake answered: 200/201 with ids, or 429. */
  status: number;
  result?: WireJson;
  /** When the fake received it (ms since the epoch). */
  at: number;
}

/** An activity the fake holds, as the conversation shows it (updates replace it in place). */
export interface HeldActivity {
  id: string;
  conversationId: string;
  activity: WireJson;
}

/**
 * A loopback fake of the Bot Framework connector (the Teams service URL) for tests of the real
 * Teams SDK: `POST v3/conversations` (a new reply chain in a channel, or a 1:1 chat),
 * `POST v3/conversations/{id}/activities` (send and reply), `PUT v3/conversations/{id}/activities/{activityId}`
 * (update in place). Records every call; `rateLimitNext` answers 429 with `Retry-After`.
 *
 * @example
 *   const connector = await FakeConnector.start();
 *   connector.rateLimitNext('send', 3, 1);
 *   // inbound activities carry serviceUrl: connector.serviceUrl
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  readonly activities: HeldActivity[] = [];
  private readonly limits = new Map<string, { count: number; retryAfter: number }>();
  private counter = 0;
  private readonly sentAt = new Map<string, number[]>();
  /** Sends answered 429 because they went past `sendLimit`. */
  paceRejected = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly sendLimit?: { max: number; ms: number },
  ) {}

  /** `sendLimit` (e.g. `{ max: 7, ms: 1000 }`) enforces Teams' per-conversation send limit: 429 with `Retry-After` beyond it. */
  static async start(options: { sendLimit?: { max: number; ms: number } } = {}): Promise<FakeConnector> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeConnector(server, (server.address() as AddressInfo).port, options.sendLimit);
    server.on('request', (req, res) => void fake.handle(req, res));
    return fake;
  }

  get serviceUrl(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  /** The next `count` calls of a kind are answered 429 with `Retry-After: seconds`. */
  rateLimitNext(method: ConnectorCall['method'], count: number, seconds: number): void {
    this.limits.set(method, { count, retryAfter: seconds });
  }

  /** Activities in one conversation (a reply chain: `<channel>;messageid=<root>`), oldest first. */
  conversation(conversationId: string): HeldActivity[] {
    return this.activities.filter((held) => held.conversationId === conversationId);
  }

  /** Accepted calls of a kind. */
  accepted(method: ConnectorCall['method']): ConnectorCall[] {
    return this.calls.filter((call) => call.method === method && call.status < 300);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** 0 when a send to `conversationId` fits `sendLimit` now (and is counted), else the ms until it would. */
  private paceWait(conversationId: string): number {
    if (!this.sendLimit) return 0;
    const now = Date.now();
    const recent = (this.sentAt.get(conversationId) ?? []).filter((at) => at > now - this.sendLimit!.ms);
    this.sentAt.set(conversationId, recent);
    if (recent.length >= this.sendLimit.max) return recent[0] + this.sendLimit.ms - now;
    recent.push(now);
    return 0;
  }

  private nextId(): string {
    this.counter += 1;
    return String(1_800_000_000_000 + this.counter);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.replace(/\/+/g, '/');
    const authorization = req.headers.authorization;
    const answer = (call: Omit<ConnectorCall, 'status' | 'authorization' | 'body' | 'at'>, result: WireJson) => {
      const limit = this.limits.get(call.method);
      if (limit && limit.count > 0) {
        limit.count -= 1;
        this.calls.push({ ...call, body, authorization, status: 429, at: Date.now() });
        res.writeHead(429, { 'retry-after': String(limit.retryAfter), 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'slow down' } }));
      }
      const status = call.method === 'create-conversation' ? 201 : 200;
      this.calls.push({ ...call, body, authorization, status, result, at: Date.now() });
      res.writeHead(status, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(result));
    };
    if (req.method === 'POST' && path === '/v3/conversations') {
      if (body.activity) {
        const id = this.nextId();
        const channel = body.channelData?.channel?.id ?? 'unknown-channel';
        const conversationId = `${channel};messageid=${id}`;
        // With `deliver` hooks absent the fake applies the call before answering, like the real service.
        if (!this.willLimit('create-conversation'))
          this.activities.push({ id, conversationId, activity: body.activity });
        return void answer({ method: 'create-conversation' }, { id: conversationId, activityId: id });
      }
      const member = body.members?.[0]?.id ?? 'nobody';
      return void answer({ method: 'create-conversation' }, { id: `a:personal-${member}` });
    }
    const send = /^\/v3\/conversations\/([^/]+)\/activities\/?$/.exec(path);
    if (req.method === 'POST' && send) {
      const conversationId = decodeURIComponent(send[1]);
      const wait = this.paceWait(conversationId);
      if (wait > 0) {
        this.paceRejected += 1;
        this.calls.push({ method: 'send', conversationId, body, authorization, status: 429, at: Date.now() });
        res.writeHead(429, { 'retry-after': String(wait / 1000), 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'slow down' } }));
      }
      const id = this.nextId();
      if (!this.willLimit('send')) this.activities.push({ id, conversationId, activity: body });
      return void answer({ method: 'send', conversationId }, { id });
    }
    const update = /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/.exec(path);
    if (req.method === 'PUT' && update) {
      const conversationId = decodeURIComponent(update[1]);
      const activityId = decodeURIComponent(update[2]);
      const held = this.activities.find((candidate) => candidate.id === activityId);
      if (!held) {
        this.calls.push({
          method: 'update',
          conversationId,
          activityId,
          body,
          authorization,
          status: 404,
          at: Date.now(),
        });
        return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NotFound"}}');
      }
      if (!this.willLimit('update')) held.activity = body;
      return void answer({ method: 'update', conversationId, activityId }, { id: activityId });
    }
    res.writeHead(404).end();
  }

  private willLimit(method: ConnectorCall['method']): boolean {
    return (this.limits.get(method)?.count ?? 0) > 0;
  }
}
