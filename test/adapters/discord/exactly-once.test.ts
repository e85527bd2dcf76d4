import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostRecord, Store } from '../../../engine/store/ports.js';
import { FakeDiscord } from '../../fakes/discord-server.js';
import { DiscordHarness, tempStore } from './harness.js';

const TENANT = 'discord:100';
const never = () => new Promise<never>(() => undefined);

/**
 * The store as a process that dies at a chosen store call sees it: `after` lets the call through
 * and then dies, `before` dies instead of making it. Once dead, every store call hangs forever.
 */
function dyingStore(store: Store, crashAt: (method: string, args: unknown[]) => 'before' | 'after' | undefined) {
  let dead = false;
  let announce: () => void = () => undefined;
  const crashed = new Promise<void>((resolve) => {
    announce = resolve;
  });
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

/** Crash on the `nth` persona answer: `reserved` = after its reservation (never posted), `delivered` = after Discord took it (id never recorded). */
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

describe('exactly-once persona posts on Discord across a crash and a restart (real discord.js, fake Discord, SQLite)', () => {
  let discord: FakeDiscord;
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempStore();
    store = temp.store;
    cleanup = temp.cleanup;
    discord = await FakeDiscord.start({ guilds: [{ id: '100', channels: ['120', '130'] }] });
  });
  afterAll(async () => {
    await discord?.stop();
    await cleanup?.();
  });

  for (const window of ['reserved', 'delivered'] as const) {
    it(`a crash between two persona posts (second ${window}) and a restart: every persona answers exactly once`, async () => {
      const channel = window === 'reserved' ? '120' : '130';
      const first = await DiscordHarness.start({ store, discord });
      await first.panel(
        'create',
        { count: 3, description: 'US parents', name: `crash-${window}` },
        { channelId: channel },
      );
      await first.stop({ keepFake: true });

      const dying = dyingStore(store, atPersonaAnswer(2, window));
      const crashing = await DiscordHarness.start({ store: dying.store, discord });
      discord.interaction({
        type: 2,
        guildId: '100',
        channelId: channel,
        data: {
          id: '1',
          name: 'panel',
          type: 1,
          options: [
            { name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: 'Would you switch banks?' }] },
          ],
        },
      });
      await dying.crashed;
      await crashing.bot.stop();

      const running = (await store.listJobsByStatus(['running'])).filter(
        (job) => (job.conversation as { channelKey?: string }).channelKey === channel,
      );
      expect(running.map((job) => job.kind)).toEqual(['panel.ask']);
      const thread = String((await store.findPost(TENANT, `job:${running[0].id}:question`))?.platformId);
      const personaIn = () => discord.messagesIn(thread).filter((message) => message.webhook_id);
      expect(personaIn()).toHaveLength(window === 'delivered' ? 2 : 1);

      const restarted = await DiscordHarness.start({ store, discord });
      const report = await restarted.bot.service.recoverJobs();
      expect(report.resumed).toContain(running[0].id);
      await restarted.bot.whenIdle();
      expect((await store.getJob(TENANT, running[0].id))?.status).toBe('succeeded');

      const names = (await store.listPersonas(TENANT, (await store.getPanel(TENANT, `crash-${window}`))!.id)).map(
        (persona) => persona.name,
      );
      const posted = personaIn().map((message) => message.author.username);
      expect(posted.sort()).toEqual([...names].sort());
      const records = (await store.listPosts(TENANT, channel, thread)).filter((post) => post.speaker);
      expect(records.map((post) => post.platformId).sort()).toEqual(
        personaIn()
          .map((message) => message.id)
          .sort(),
      );
      expect(discord.webhooks.filter((hook) => hook.channel_id === channel)).toHaveLength(1);
      await restarted.stop({ keepFake: true });
    });
  }

  it('a webhook post answered 500 after Discord stored it is looked up, not posted twice', async () => {
    const harness = await DiscordHarness.start({ store, discord });
    await harness.panel('create', { count: 2, description: 'nurses', name: 'unknown-outcome' }, { channelId: '130' });
    discord.failAfterStoring((call) => call.method === 'POST' && /^\/webhooks\/\d+\/wtoken/.test(call.route), 1);
    await harness.panel('ask', { question: 'What slows your shift down?' }, { channelId: '130' });
    const thread = [...discord.channels.values()].filter((channel) => channel.parent_id === '130').at(-1)!.id;
    const posts = discord.messagesIn(thread).filter((message) => message.webhook_id);
    expect(posts).toHaveLength(2);
    expect(new Set(posts.map((post) => post.author.username)).size).toBe(2);
    expect(discord.callsTo('GET', new RegExp(`^/channels/${thread}/messages$`)).length).toBeGreaterThanOrEqual(1);
    await harness.stop({ keepFake: true });
  });
});
