import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { IdempotentPoster } from '../../../commands/jobs/poster.js';
import type { Conversation, Reply } from '../../../commands/reply.js';
import type { PostRecord, Store } from '../../../engine/store/ports.js';
import { FakeSlack, type FakeMessage } from '../../fakes/slack-server.js';
import { Harness, tempStore } from './harness.js';

const TENANT = 'slack:T0001';
const never = () => new Promise<never>(() => undefined);

/**
 * The store as a process that dies at a chosen store call sees it: `after` lets the call through
 * and then dies, `before` dies instead of making it. Once dead, every store call hangs forever,
 * so nothing more of that process reaches the store (or, through reservations, Slack).
 */
function dyingStore(store: Store, crashAt: (method: string, args: unknown[]) => 'before' | 'after' | undefined) {
  let dead = false;
  let announce: () => void = () => undefined;
  const crashed = new Promise<void>((resolve) => (announce = resolve));
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (dead) return never();
        const when = crashAt(String(property), args);
        if (when === 'before') {
          dead = true;
          announce();
          return never();
        }
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (when !== 'after') return result;
        dead = true;
        return Promise.resolve(result).then(() => {
          announce();
          return never();
        });
      };
    },
  });
  return { store: proxy, crashed };
}

/** Crash on the `nth` persona answer: `reserved` = after its reservation (never posted), `delivered` = after Slack took it (id never recorded). */
function atPersonaAnswer(nth: number, window: 'reserved' | 'delivered') {
  let seen = 0;
  return (method: string, args: unknown[]) => {
    const post = args[0] as PostRecord | undefined;
    if (method !== 'recordPost' || !post?.speaker || Boolean(post.platformId) !== (window === 'delivered'))
      return undefined;
    seen += 1;
    if (seen !== nth) return undefined;
    return window === 'reserved' ? 'after' : 'before';
  };
}

const keyOf = (message: FakeMessage) => message.metadata?.event_payload.key as string | undefined;
const personaMessages = (slack: FakeSlack, channel: string, thread: string) =>
  slack.messagesOf(channel, thread).filter((message) => message.metadata?.event_type === 'troupe_persona_post');

describe('exactly-once posting to Slack across a crash (real Bolt/WebClient, fake Slack, SQLite)', () => {
  let slack: FakeSlack;
  let harness: Harness;
  let store: Store;
  let cleanup: () => Promise<void>;
  let client: webApi.WebClient;
  const root: Conversation = { tenantId: TENANT, channelKey: 'C1', userId: 'U1' };

  beforeAll(async () => {
    const temp = await tempStore();
    store = temp.store;
    cleanup = temp.cleanup;
    await store.ensureTenant({ id: TENANT, platform: 'slack' });
    slack = await FakeSlack.start();
    harness = await Harness.start({ store, slack });
    client = new webApi.WebClient('xoxb-other', { slackApiUrl: slack.apiUrl });
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  const reserve = (conversation: Conversation, key: string, speaker?: string) =>
    store.recordPost({
      tenantId: TENANT,
      idempotencyKey: key,
      channelKey: conversation.channelKey,
      threadKey: conversation.threadKey,
      speaker,
      body: { kind: 'text', text: 'reserved' },
    });
  const answer = (key: string, name: string, text: string): Reply => ({
    kind: 'text',
    text,
    idempotencyKey: key,
    placement: 'thread',
    speaker: { kind: 'persona', name },
  });

  it('a key reserved but never posted is posted once on resume, in its thread and at the channel root', async () => {
    const question = await client.chat.postMessage({ channel: 'C1', text: 'A question' });
    const thread = { ...root, threadKey: String(question.ts) };
    await reserve(thread, 'job:r1:answer:Ada:1:0', 'Ada');
    await reserve(root, 'job:r1:question');
    const poster = new IdempotentPoster(store, harness.app.sink);
    const before = slack.callsOf('chat.postMessage').length;
    const posted = await poster.post(thread, answer('job:r1:answer:Ada:1:0', 'Ada', 'Price matters.'));
    const opened = await poster.post(root, {
      kind: 'text',
      text: '❓ Why?',
      placement: 'channel',
      opensThread: true,
      idempotencyKey: 'job:r1:question',
    });
    expect(posted).toMatchObject({ skipped: false });
    expect(opened).toMatchObject({ skipped: false });
    expect(opened.threadKey).toBe(opened.messageId);
    await new IdempotentPoster(store, harness.app.sink).post(
      thread,
      answer('job:r1:answer:Ada:1:0', 'Ada', 'Price matters.'),
    );
    await harness.idle();
    const calls = slack.callsOf('chat.postMessage').slice(before);
    expect(calls.filter((call) => JSON.stringify(call.args.metadata ?? '').includes('job:r1:'))).toHaveLength(2);
    expect(
      slack.messagesOf('C1', thread.threadKey).filter((message) => keyOf(message) === 'job:r1:answer:Ada:1:0'),
    ).toHaveLength(1);
    expect(slack.messagesOf('C1').filter((message) => keyOf(message) === 'job:r1:question')).toHaveLength(1);
    expect(slack.callsOf('conversations.replies').at(-1)!.args).toMatchObject({ channel: 'C1', ts: thread.threadKey });
    expect(slack.callsOf('conversations.history').length).toBeGreaterThan(0);
    expect((await store.findPost(TENANT, 'job:r1:answer:Ada:1:0'))?.platformId).toBe(posted.messageId);
  });

  it('a key Slack already has (metadata key, platform id never recorded) is found and not posted again', async () => {
    const question = await client.chat.postMessage({
      channel: 'C1',
      text: '❓ Earlier',
      metadata: { event_type: 'troupe_post', event_payload: { key: 'job:r2:question' } },
    });
    const thread = { ...root, threadKey: String(question.ts) };
    // Other messages in the thread, so the lookup has to match the key, not take the latest.
    await client.chat.postMessage({
      channel: 'C1',
      thread_ts: thread.threadKey,
      text: 'noise',
      metadata: { event_type: 'troupe_persona_post', event_payload: { persona: 'Bo', key: 'job:r2:answer:Bo:1:0' } },
    });
    const delivered = await client.chat.postMessage({
      channel: 'C1',
      thread_ts: thread.threadKey,
      text: 'Said it',
      username: 'Ada',
      metadata: { event_type: 'troupe_persona_post', event_payload: { persona: 'Ada', key: 'job:r2:answer:Ada:1:0' } },
    });
    await client.chat.postMessage({ channel: 'C1', thread_ts: thread.threadKey, text: 'a human reply' });
    await reserve(thread, 'job:r2:answer:Ada:1:0', 'Ada');
    await reserve(root, 'job:r2:question');
    const before = slack.callsOf('chat.postMessage').length;
    const poster = new IdempotentPoster(store, harness.app.sink);
    const found = await poster.post(thread, answer('job:r2:answer:Ada:1:0', 'Ada', 'Said it'));
    const opened = await poster.post(root, {
      kind: 'text',
      text: '❓ Earlier',
      placement: 'channel',
      opensThread: true,
      idempotencyKey: 'job:r2:question',
    });
    await harness.idle();
    expect(slack.callsOf('chat.postMessage').slice(before)).toHaveLength(0);
    expect(found).toMatchObject({ skipped: true, recovered: true, messageId: delivered.ts });
    expect(opened).toMatchObject({ skipped: true, recovered: true, messageId: question.ts, threadKey: question.ts });
    expect((await store.findPost(TENANT, 'job:r2:answer:Ada:1:0'))?.platformId).toBe(delivered.ts);
    expect((await store.findPost(TENANT, 'job:r2:question'))?.platformId).toBe(question.ts);
    expect(slack.callsOf('conversations.replies').at(-1)!.args.include_all_metadata).toBe('true');
    expect(slack.callsOf('conversations.history').at(-1)!.args.include_all_metadata).toBe('true');
  });

  it('every message Troupe posts carries its key: bot posts as troupe_post, persona posts keep persona and personaId', async () => {
    const poster = new IdempotentPoster(store, harness.app.sink);
    await poster.post(root, { kind: 'text', text: 'hello', idempotencyKey: 'job:r3:hello' });
    await poster.post(
      { ...root, threadKey: String((await client.chat.postMessage({ channel: 'C1', text: 'q' })).ts) },
      {
        ...answer('job:r3:answer:Ada:1:0', 'Ada Obi', 'hi'),
        speaker: { kind: 'persona', name: 'Ada Obi', personaId: 'p9' },
      },
    );
    await harness.idle();
    const [bot, persona] = slack
      .callsOf('chat.postMessage')
      .filter((call) => String(call.args.metadata ?? '').includes('job:r3:'))
      .map((call) => JSON.parse(String(call.args.metadata)));
    expect(bot).toEqual({ event_type: 'troupe_post', event_payload: { key: 'job:r3:hello' } });
    expect(persona).toEqual({
      event_type: 'troupe_persona_post',
      event_payload: { persona: 'Ada Obi', personaId: 'p9', key: 'job:r3:answer:Ada:1:0' },
    });
  });

  for (const window of ['reserved', 'delivered'] as const) {
    it(`a job resumed after a crash mid-answers (second answer ${window}) ends with each persona's answer exactly once`, async () => {
      const channel = window === 'reserved' ? 'C7' : 'C8';
      await harness.command('/panel', `create 3 US parents --name crash-${window}`, { channel });
      await harness.idle();
      const dying = dyingStore(store, atPersonaAnswer(2, window));
      const crashing = await Harness.start({ store: dying.store, slack });
      await crashing.command('/panel', `ask "Would you switch banks for a better app?"`, { channel });
      await dying.crashed;
      await crashing.app.stop();
      const running = (await store.listJobsByStatus(['running'])).filter(
        (job) => (job.conversation as { channelKey?: string }).channelKey === channel,
      );
      expect(running.map((job) => job.kind)).toEqual(['panel.ask']);
      const thread = String((await store.findPost(TENANT, `job:${running[0].id}:question`))!.platformId);
      const secondKey = (await store.listPosts(TENANT, channel, thread)).filter((post) => post.speaker)[1]
        .idempotencyKey;
      const deliveredBefore = personaMessages(slack, channel, thread).map(keyOf);
      expect(deliveredBefore).toHaveLength(window === 'delivered' ? 2 : 1);

      const mark = slack.callsOf('chat.postMessage').length;
      const report = await harness.app.service.recoverJobs();
      expect(report.resumed).toContain(running[0].id);
      await harness.idle();
      expect((await store.getJob(TENANT, running[0].id))?.status).toBe('succeeded');
      const resumedKeys = slack
        .callsOf('chat.postMessage')
        .slice(mark)
        .map((call) => (call.args.metadata ? JSON.parse(String(call.args.metadata)).event_payload.key : undefined));
      expect(resumedKeys.filter((key) => key === secondKey)).toHaveLength(window === 'reserved' ? 1 : 0);
      for (const key of deliveredBefore) expect(resumedKeys).not.toContain(key);

      const messages = personaMessages(slack, channel, thread);
      const keys = messages.map(keyOf);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toContain(secondKey);
      const records = (await store.listPosts(TENANT, channel, thread)).filter((post) => post.speaker);
      expect(records.map((post) => [post.idempotencyKey, post.platformId]).sort()).toEqual(
        messages.map((message) => [keyOf(message), message.ts]).sort(),
      );
      const names = (await store.listPersonas(TENANT, (await store.getPanel(TENANT, `crash-${window}`))!.id)).map(
        (persona) => persona.name,
      );
      const perPersona = new Map<string, number>();
      for (const message of messages)
        perPersona.set(
          String(message.metadata!.event_payload.persona),
          (perPersona.get(String(message.metadata!.event_payload.persona)) ?? 0) + 1,
        );
      for (const [name, count] of perPersona) {
        expect(names).toContain(name);
        expect(count).toBe(1);
      }
    });
  }
});
