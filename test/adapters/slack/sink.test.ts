import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { ChannelSendQueue, PersonaAvatars, SlackSink } from '../../../adapters/slack/index.js';
import type { Store } from '../../../engine/store/ports.js';
import { FakeSlack } from '../../fakes/slack-server.js';
import { tempStore } from './harness.js';

describe('SlackSink', () => {
  let slack: FakeSlack;
  let store: Store;
  let cleanup: () => Promise<void>;
  const conversation = { tenantId: 'slack:T0001', channelKey: 'C1', threadKey: '1700000000.000100', userId: 'U1' };

  /** A fresh sink, as after a process restart: only the store carries state over. */
  const sink = () =>
    new SlackSink({
      client: new webApi.WebClient(undefined, { slackApiUrl: slack.apiUrl, rejectRateLimitedCalls: true }),
      tokens: async () => 'xoxb-sink',
      queue: new ChannelSendQueue({ minIntervalMs: 0 }),
      avatars: new PersonaAvatars(store),
      store,
    });

  beforeAll(async () => {
    const temp = await tempStore();
    store = temp.store;
    cleanup = temp.cleanup;
    await store.ensureTenant({ id: 'slack:T0001', platform: 'slack' });
    slack = await FakeSlack.start();
  });
  afterAll(async () => {
    await slack?.stop();
    await cleanup?.();
  });

  it('keeps editing the same progress message after a restart (ts kept in the store per progressKey)', async () => {
    const first = await sink().post(conversation, {
      kind: 'progress',
      progressKey: 'job:j1:progress',
      text: 'Polling',
      done: 1,
      total: 4,
    });
    const second = await sink().post(conversation, {
      kind: 'progress',
      progressKey: 'job:j1:progress',
      text: 'Polling',
      done: 4,
      total: 4,
      finished: true,
    });
    expect(second.messageId).toBe(first.messageId);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
    const [update] = slack.callsOf('chat.update');
    expect(update.args).toMatchObject({ channel: 'C1', ts: first.messageId });
    expect(String(update.args.text)).toContain(':white_check_mark:');
  });

  it('marks a finished progress by its outcome, not by words of the job description ("failed-startups" done is a success)', async () => {
    await sink().post(conversation, {
      kind: 'progress',
      progressKey: 'job:j9:progress',
      text: 'Creating panel "failed-startups": personas ready',
      done: 1,
      total: 2,
    });
    await sink().post(conversation, {
      kind: 'progress',
      progressKey: 'job:j9:progress',
      text: 'Creating panel "failed-startups": personas ready — 2/2 done',
      done: 2,
      total: 2,
      finished: true,
    });
    expect(String(slack.callsOf('chat.update').at(-1)!.args.text)).toMatch(/^:white_check_mark:/);
    await sink().post(conversation, {
      kind: 'progress',
      progressKey: 'job:j10:progress',
      text: 'Asking 3 personas — 1/3 cancelled',
      done: 1,
      total: 3,
      finished: true,
    });
    expect(String(slack.callsOf('chat.postMessage').at(-1)!.args.text)).toMatch(/^:warning:/);
  });

  it('posts a persona with an emoji icon when there is no public URL, and uploads charts into the thread', async () => {
    await sink().post(conversation, {
      kind: 'text',
      text: 'I would pay',
      speaker: { kind: 'persona', name: 'Ada Obi', personaId: 'p1', avatar: 'data:image/svg+xml;base64,AAAA' },
    });
    const post = slack.callsOf('chat.postMessage').at(-1)!;
    expect(post.args).toMatchObject({ username: 'Ada Obi', thread_ts: conversation.threadKey });
    expect(String(post.args.icon_emoji)).toMatch(/^:[a-z_]+:$/);
    expect(post.args.icon_url).toBeUndefined();
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await sink().post(conversation, { kind: 'image', title: 'Poll: price', png, altText: 'bar chart' });
    const complete = slack.callsOf('files.completeUploadExternal').at(-1)!;
    expect(complete.args.thread_ts).toBe(conversation.threadKey);
    expect([...slack.uploads.values()].at(-1)).toEqual(Buffer.from(png));
  });

  describe('a keyed post whose outcome is unknown is retried only when it did not arrive', () => {
    const noRetrySink = () =>
      new SlackSink({
        client: new webApi.WebClient(undefined, {
          slackApiUrl: slack.apiUrl,
          rejectRateLimitedCalls: true,
          retryConfig: { retries: 0 },
        }),
        postClient: new webApi.WebClient(undefined, {
          slackApiUrl: slack.apiUrl,
          rejectRateLimitedCalls: true,
          retryConfig: { retries: 0 },
        }),
        tokens: async () => 'xoxb-sink',
        queue: new ChannelSendQueue({ minIntervalMs: 0 }),
        avatars: new PersonaAvatars(store),
        store,
      });
    let thread = conversation;
    const keyed = (key: string) =>
      slack.messagesOf('C1', thread.threadKey).filter((m) => JSON.stringify(m.metadata ?? {}).includes(key));
    beforeAll(async () => {
      const root = await new webApi.WebClient('xoxb-sink', { slackApiUrl: slack.apiUrl }).chat.postMessage({
        channel: 'C1',
        text: 'Would you pay £5 a month?',
      });
      thread = { ...conversation, threadKey: String(root.ts) };
    });

    it('a 500 after Slack stored the message: found by its key, not posted again', async () => {
      const before = slack.callsOf('chat.postMessage').length;
      slack.enqueue('chat.postMessage', { kind: 'http-error', status: 500, deliver: true });
      const result = await noRetrySink().post(thread, {
        kind: 'text',
        text: 'I would pay £5',
        idempotencyKey: 'job:x:answer:lost-reply',
        speaker: { kind: 'bot' },
      });
      expect(slack.callsOf('chat.postMessage').length - before).toBe(1);
      expect(keyed('job:x:answer:lost-reply')).toHaveLength(1);
      expect(result.messageId).toBe(keyed('job:x:answer:lost-reply')[0].ts);
    });

    it('a 503 before Slack stored it: posted again, once', async () => {
      const before = slack.callsOf('chat.postMessage').length;
      slack.enqueue('chat.postMessage', { kind: 'http-error', status: 503, deliver: false });
      await noRetrySink().post(thread, {
        kind: 'text',
        text: 'Too dear for me',
        idempotencyKey: 'job:x:answer:not-delivered',
        speaker: { kind: 'bot' },
      });
      expect(slack.callsOf('chat.postMessage').length - before).toBe(2);
      expect(keyed('job:x:answer:not-delivered')).toHaveLength(1);
    });
  });

  it('sends ephemeral replies to the person who asked only', async () => {
    await sink().post(conversation, { kind: 'text', text: 'Try /help', ephemeral: true });
    expect(slack.callsOf('chat.postEphemeral').at(-1)!.args).toMatchObject({
      channel: 'C1',
      user: 'U1',
      text: 'Try /help',
    });
  });
});
