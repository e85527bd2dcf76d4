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
    const first = await sink().post(conversation, { kind: 'progress', progressKey: 'job:j1:progress', text: 'Polling', done: 1, total: 4 });
    const second = await sink().post(conversation, { kind: 'progress', progressKey: 'job:j1:progress', text: 'Polling', done: 4, total: 4, finished: true });
    expect(second.messageId).toBe(first.messageId);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
    const [update] = slack.callsOf('chat.update');
    expect(update.args).toMatchObject({ channel: 'C1', ts: first.messageId });
    expect(String(update.args.text)).toContain(':white_check_mark:');
  });

  it('posts a persona with an emoji icon when there is no public URL, and uploads charts into the thread', async () => {
    await sink().post(conversation, { kind: 'text', text: 'I would pay', speaker: { kind: 'persona', name: 'Ada Obi', personaId: 'p1', avatar: 'data:image/svg+xml;base64,AAAA' } });
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

  it('sends ephemeral replies to the person who asked only', async () => {
    await sink().post(conversation, { kind: 'text', text: 'Try /help', ephemeral: true });
    expect(slack.callsOf('chat.postEphemeral').at(-1)!.args).toMatchObject({ channel: 'C1', user: 'U1', text: 'Try /help' });
  });
});
