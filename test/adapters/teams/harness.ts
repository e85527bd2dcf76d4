import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTeamsApp, type CreateTeamsAppOptions, type TeamsApp } from '../../../adapters/teams/index.js';
import { OfflineModel } from '../../../engine/llm/offline/offline-model.js';
import type { LanguageModel } from '../../../engine/llm/port.js';
import { allOfflineResponders } from '../../../engine/llm/offline/all-responders.js';
import type { Store } from '../../../engine/store/ports.js';
import { openStore } from '../../../prisma/index.js';
import { FakeConnector, type WireJson } from '../../fakes/bot-connector.js';
import { FakeJwks, signJwt } from '../../fakes/bot-jwks.js';

/** What the bot sends the connector (the fake does not check it; the SDK needs a JWT shape). */
export const OUTBOUND_TOKEN = signJwt(undefined, { aud: 'https://api.botframework.com', exp: 4_102_444_800 });

export const APP_ID = '11111111-2222-3333-4444-555555555555';
export const LIMITS = { maxPanelSize: 20, maxConcurrentJobs: 3 };
export const CHANNEL = '19:general@thread.tacv2';
export const BOT = { id: `28:${APP_ID}`, name: 'Troupe' };

/** A real SQLite store in a temp folder. */
export async function tempStore(): Promise<{ store: Store; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'troupe-teams-'));
  const store = await openStore({ databaseUrl: `file:${path.join(dir, 'troupe.db')}` });
  return {
    store,
    async cleanup() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function offlineModel(): LanguageModel {
  return new OfflineModel({ responders: allOfflineResponders() });
}

/** Where an inbound activity happens. */
export interface Where {
  /** Microsoft 365 tenant id. */
  tenant?: string;
  /** Reply chain root (the activity is a reply in `CHANNEL;messageid=<thread>`). */
  thread?: string;
  /** A 1:1 chat instead of the channel. */
  personal?: boolean;
  user?: string;
  id?: string;
  /** Another channel than CHANNEL. */
  channel?: string;
}

/**
 * One running Troupe Teams bot (real Teams SDK, JWT validation on) against a FakeConnector and a
 * loopback JWKS. Helpers post signed activities to /api/messages the way the connector does.
 * Sleeps of the send queue are recorded and skipped, so pacing and Retry-After cost no time.
 */
export class Harness {
  private counter = 0;

  private constructor(
    readonly connector: FakeConnector,
    readonly jwks: FakeJwks,
    readonly teams: TeamsApp,
    readonly store: Store,
    readonly sleeps: number[],
  ) {}

  static async start(options: {
    store: Store;
    model?: LanguageModel;
    connector?: FakeConnector;
    jwks?: FakeJwks;
    overrides?: Partial<CreateTeamsAppOptions>;
    log?: (message: string, error?: unknown) => void;
  }): Promise<Harness> {
    const connector = options.connector ?? (await FakeConnector.start());
    const jwks = options.jwks ?? (await FakeJwks.start());
    const sleeps: number[] = [];
    const teams = createTeamsApp({
      store: options.store,
      model: options.model ?? offlineModel(),
      limits: LIMITS,
      appId: APP_ID,
      token: async () => OUTBOUND_TOKEN,
      cloud: { openIdMetadataUrl: jwks.openIdMetadataUrl },
      port: 0,
      host: '127.0.0.1',
      log: options.log ?? (() => undefined),
      sendQueue: {
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      },
      ...options.overrides,
    });
    await teams.start();
    return new Harness(connector, jwks, teams, options.store, sleeps);
  }

  get url(): string {
    return `http://127.0.0.1:${this.teams.port}/api/messages`;
  }

  /** A connector token for this bot (signed by the served key). */
  token(claims: Record<string, unknown> = {}): string {
    return this.jwks.token({ aud: APP_ID, serviceurl: this.connector.serviceUrl, ...claims });
  }

  /** POSTs an activity to /api/messages with `authorization` (a valid token unless given). */
  async post(activity: Record<string, unknown>, authorization: string | null = `Bearer ${this.token()}`) {
    const response = await fetch(this.url, {
      method: 'POST',
      body: JSON.stringify(activity),
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    });
    return { status: response.status, body: await response.text() };
  }

  /** A message activity as the connector delivers it. */
  activity(text: string | undefined, where: Where = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const id = where.id ?? String(1_700_000_000_000 + ++this.counter);
    const tenant = where.tenant ?? 'tenant-a';
    const conversationId = where.personal
      ? `a:personal-${where.user ?? 'u1'}`
      : `${where.channel ?? CHANNEL};messageid=${where.thread ?? id}`;
    return {
      type: 'message',
      id,
      channelId: 'msteams',
      serviceUrl: this.connector.serviceUrl,
      timestamp: new Date().toISOString(),
      from: { id: `29:${where.user ?? 'u1'}`, name: 'Pat Asker', aadObjectId: `aad-${where.user ?? 'u1'}` },
      recipient: BOT,
      conversation: {
        id: conversationId,
        conversationType: where.personal ? 'personal' : 'channel',
        tenantId: tenant,
        ...(where.personal ? {} : { isGroup: true }),
      },
      channelData: {
        tenant: { id: tenant },
        ...(where.personal ? {} : { channel: { id: where.channel ?? CHANNEL }, team: { id: '19:team@thread.tacv2' } }),
      },
      ...(text !== undefined ? { text } : {}),
      ...(text?.includes('<at>Troupe</at>')
        ? { entities: [{ type: 'mention', text: '<at>Troupe</at>', mentioned: { id: BOT.id, name: 'Troupe' } }] }
        : {}),
      ...extra,
    };
  }

  /** `@Troupe <text>` in the channel (or in a reply chain). */
  mention(text: string, where: Where = {}) {
    return this.post(this.activity(`<at>Troupe</at> ${text}`, where));
  }

  idle(): Promise<void> {
    return this.teams.whenIdle();
  }

  async stop(): Promise<void> {
    await this.teams.whenIdle();
    await this.teams.stop();
    await this.connector.stop();
    await this.jwks.stop();
  }

  /** Persona cards (their summary reads "Name: …") in a conversation. */
  personaPosts(conversationId: string) {
    return this.connector
      .conversation(conversationId)
      .filter(
        (held) => cardOf(held.activity)?.body?.[0]?.type === 'ColumnSet' && held.activity.summary?.includes(': '),
      );
  }
}

/** The Adaptive Card of an activity, if any. */
export function cardOf(activity: WireJson): WireJson | undefined {
  return activity.attachments?.find((a: WireJson) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    ?.content;
}

/** What a persona card says, as "Name: text" (the header's name, the body's text, Markdown escapes undone). */
export function said(activity: WireJson): string {
  const body = cardOf(activity)!.body as { text?: string; columns?: { items: { text?: string }[] }[] }[];
  const undo = (text: string) => text.replace(/\\([\\`*_[\]<>#|~])/g, '$1');
  const name = undo(String(body[0].columns!.at(-1)!.items[0].text));
  return `${name}: ${body
    .slice(1, -1)
    .map((block) => undo(String(block.text)))
    .join('\n')}`;
}

export const chain = (root: string, channel = CHANNEL) => `${channel};messageid=${root}`;
