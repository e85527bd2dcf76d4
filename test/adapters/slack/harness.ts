import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LogLevel } from '@slack/bolt';
import { createSlackApp, type CreateSlackAppOptions, type SlackApp } from '../../../adapters/slack/index.js';
import { signSlackRequest } from '../../../adapters/slack/request-guard.js';
import { OfflineModel } from '../../../engine/llm/offline/offline-model.js';
import type { LanguageModel } from '../../../engine/llm/port.js';
import { allOfflineResponders } from '../../../engine/llm/offline/all-responders.js';
import type { Store } from '../../../engine/store/ports.js';
import { openStore } from '../../../prisma/index.js';
import { FakeSlack } from '../../fakes/slack-server.js';

export const SIGNING_SECRET = 'test-signing-secret';
export const LIMITS = { maxPanelSize: 20, maxConcurrentJobs: 3 };

/** A real SQLite store in a temp folder. */
export async function tempStore(): Promise<{ store: Store; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'troupe-slack-'));
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

/** Response of a signed request sent to the app's HTTP server. */
export interface Sent {
  status: number;
  body: string;
}

/**
 * One running Troupe Slack app (HTTP mode) against a FakeSlack, with helpers that sign slash
 * commands, events and interactions the way Slack does. Sleeps of the send queue are recorded
 * and skipped, so Retry-After waits cost no time.
 */
export class Harness {
  private eventCounter = 0;
  private userTs = 0;

  private constructor(
    readonly slack: FakeSlack,
    readonly app: SlackApp,
    readonly store: Store,
    /** Waits the send queue asked for (pacing and Retry-After), skipped in tests. */
    readonly sleeps: number[],
  ) {}

  static async start(options: {
    store: Store;
    model?: LanguageModel;
    slack?: FakeSlack;
    overrides?: Partial<CreateSlackAppOptions>;
  }): Promise<Harness> {
    const slack = options.slack ?? (await FakeSlack.start());
    const sleeps: number[] = [];
    const app = createSlackApp({
      store: options.store,
      model: options.model ?? offlineModel(),
      limits: LIMITS,
      mode: 'http',
      botToken: 'xoxb-test',
      signingSecret: SIGNING_SECRET,
      apiUrl: slack.apiUrl,
      port: 0,
      host: '127.0.0.1',
      logLevel: LogLevel.ERROR,
      log: () => undefined,
      progressEditIntervalMs: 0,
      sendQueue: {
        minIntervalMs: 0,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      },
      ...options.overrides,
    });
    await app.start();
    return new Harness(slack, app, options.store, sleeps);
  }

  get url(): string {
    return `http://127.0.0.1:${this.app.port}/slack/events`;
  }

  /** POSTs a body signed with the signing secret (or the given headers) to /slack/events. */
  async post(
    body: string,
    contentType: string,
    headers: Record<string, string> = signSlackRequest(SIGNING_SECRET, body, Math.floor(Date.now() / 1000)),
  ): Promise<Sent> {
    const response = await fetch(this.url, {
      method: 'POST',
      body,
      headers: { 'content-type': contentType, ...headers },
    });
    return { status: response.status, body: await response.text() };
  }

  /** A slash command, e.g. `command('/panel', 'create 3 US parents')`. */
  command(
    command: string,
    text: string,
    where: { channel?: string; user?: string; team?: string } = {},
  ): Promise<Sent> {
    const body = new URLSearchParams({
      token: 'legacy',
      team_id: where.team ?? this.slack.teamId,
      channel_id: where.channel ?? 'C1',
      user_id: where.user ?? 'U1',
      command,
      text,
      trigger_id: 'trigger-1',
      response_url: 'http://127.0.0.1:1/response',
      api_app_id: 'A0001',
    }).toString();
    return this.post(body, 'application/x-www-form-urlencoded');
  }

  /** An Events API callback; returns the event id used. */
  async event(
    event: Record<string, unknown>,
    options: { team?: string; eventId?: string; retryNum?: number } = {},
  ): Promise<Sent & { eventId: string }> {
    const eventId = options.eventId ?? `Ev${String(++this.eventCounter).padStart(6, '0')}`;
    const body = JSON.stringify({
      token: 'legacy',
      team_id: options.team ?? this.slack.teamId,
      api_app_id: 'A0001',
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      event: { event_ts: event.ts, ...event },
    });
    // Slack signs every delivery afresh, so a retry carries a new timestamp and signature.
    const headers = {
      ...signSlackRequest(SIGNING_SECRET, body, Math.floor(Date.now() / 1000) + (options.retryNum ?? 0)),
      ...(options.retryNum
        ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }
        : {}),
    };
    return { ...(await this.post(body, 'application/json', headers)), eventId };
  }

  /** A user's message mentioning the bot (at the channel root or in a thread). */
  mention(text: string, where: { channel?: string; thread?: string; ts?: string; team?: string } = {}) {
    const ts = where.ts ?? this.nextUserTs();
    return this.event(
      {
        type: 'app_mention',
        user: 'U1',
        text: `<@${this.slack.botUserId}> ${text}`,
        ts,
        channel: where.channel ?? 'C1',
        ...(where.thread ? { thread_ts: where.thread } : {}),
      },
      { team: where.team },
    );
  }

  /** A user's plain reply in a thread. */
  reply(thread: string, text: string, where: { channel?: string; ts?: string } = {}) {
    return this.event({
      type: 'message',
      channel_type: 'channel',
      user: 'U1',
      text,
      ts: where.ts ?? this.nextUserTs(),
      channel: where.channel ?? 'C1',
      thread_ts: thread,
    });
  }

  /** A block action or view submission (`payload=` form body). */
  interaction(payload: Record<string, unknown>): Promise<Sent> {
    const body = new URLSearchParams({
      payload: JSON.stringify({
        team: { id: this.slack.teamId, domain: 'fake' },
        user: { id: 'U1', team_id: this.slack.teamId },
        api_app_id: 'A0001',
        token: 'legacy',
        ...payload,
      }),
    }).toString();
    return this.post(body, 'application/x-www-form-urlencoded');
  }

  private nextUserTs(): string {
    this.userTs += 1;
    return `1800000000.${String(this.userTs).padStart(6, '0')}`;
  }

  idle(): Promise<void> {
    return this.app.whenIdle();
  }

  async stop(): Promise<void> {
    await this.app.whenIdle();
    await this.app.stop();
    await this.slack.stop();
  }

  /** chat.postMessage calls, optionally only those in a thread. */
  posts(thread?: string) {
    return this.slack
      .callsOf('chat.postMessage')
      .filter((call) => (thread === undefined ? true : call.args.thread_ts === thread));
  }
}
