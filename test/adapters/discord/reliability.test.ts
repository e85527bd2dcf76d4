import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../commands/reply.js';
import { FakeDiscord } from '../../fakes/discord-server.js';
import { DiscordHarness, opts, tempStore, until } from './harness.js';

describe('Discord under load and replays: 429 storms, duplicate interactions, gateway RESUME, two guilds, no pings', () => {
  let discord: FakeDiscord;
  let harness: DiscordHarness;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    discord = await FakeDiscord.start({
      guilds: [
        { id: '100', channels: ['110'] },
        { id: '200', channels: ['210'] },
      ],
    });
    harness = await DiscordHarness.start({ store: temp.store, discord });
    await harness.panel('create', { count: 4, description: 'commuters in Leeds' });
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  it('a 429 storm on persona posts loses nothing and keeps the engine order', async () => {
    const isWebhookPost = (call: { method: string; route: string }) =>
      call.method === 'POST' && /^\/webhooks\/\d+\/wtoken/.test(call.route);
    discord.rateLimitNext(6, isWebhookPost, 0.01);
    const before = discord.rateLimited;
    await harness.panel('ask', { question: 'How do you get to work when it rains?' });
    expect(discord.rateLimited - before).toBe(6);
    const thread = [...discord.channels.values()].filter((channel) => channel.type === 11).at(-1)!.id;
    const delivered = harness.personaPosts(thread);
    expect(delivered).toHaveLength(4);
    const recorded = (await harness.store.listPosts('discord:100', '110', thread)).filter((post) => post.speaker);
    // The engine's order (the order the posts were recorded) is the order Discord shows.
    expect(delivered.map((message) => message.id)).toEqual(recorded.map((post) => post.platformId));
    expect(delivered.map((message) => message.author.username)).toEqual(recorded.map((post) => post.speaker));
  });

  it('an interaction delivered twice is handled once', async () => {
    const jobsBefore = (await harness.store.listJobs('discord:100', 100)).length;
    const payload = discord.interaction({
      type: 2,
      guildId: '100',
      channelId: '110',
      data: {
        id: '1',
        name: 'panel',
        type: 1,
        options: [{ name: 'ask', type: 1, options: opts({ question: 'Bus or bike?' }) }],
      },
    });
    discord.redeliver(payload);
    await harness.settleInteraction(String(payload.id));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await harness.bot.whenIdle();
    expect(discord.callbacks.filter((callback) => callback.interactionId === payload.id)).toHaveLength(1);
    const jobs = await harness.store.listJobs('discord:100', 100);
    expect(jobs.length - jobsBefore).toBe(1);
    const questions = discord
      .messagesIn('110')
      .filter((message) => JSON.stringify(message.embeds).includes('Bus or bike?'));
    expect(questions).toHaveLength(1);
  });

  it('after a dropped socket the gateway RESUMEs and replays a message already handled: it is handled once', async () => {
    const thread = [...discord.channels.values()].filter((channel) => channel.type === 11).at(-1)!.id;
    const seq = discord.lastSequence;
    const before = harness.personaPosts(thread).length;
    await harness.say({ channelId: thread, content: 'And on Sundays?' });
    const afterFirst = harness.personaPosts(thread).length;
    expect(afterFirst).toBeGreaterThan(before);
    discord.replayAfter(seq);
    const resumes = discord.resumed;
    discord.dropSocket();
    await until(() => discord.resumed === resumes + 1, 'the resume');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await harness.bot.whenIdle();
    expect(discord.identified).toBe(1);
    expect(harness.personaPosts(thread)).toHaveLength(afterFirst);
  });

  it('two guilds are two tenants: panels, personas and usage never cross', async () => {
    await harness.panel(
      'create',
      { count: 2, description: 'farmers in Kenya', name: 'kenya' },
      { guildId: '200', channelId: '210' },
    );
    const first = await harness.store.listPanels('discord:100');
    const second = await harness.store.listPanels('discord:200');
    expect(second.map((panel) => panel.name)).toEqual(['kenya']);
    expect(first.map((panel) => panel.name)).not.toContain('kenya');
    const payload = await harness.panel('list', {}, { guildId: '200', channelId: '210' });
    const listed = discord.messages.find((message) => message.interaction_token === payload.token)!;
    const text = JSON.stringify([listed.content, listed.embeds]);
    expect(text).toContain('kenya');
    for (const panel of first) expect(text).not.toContain(panel.name);
    const secondNames = await harness.store.listPersonaNames('discord:200');
    const firstNames = await harness.store.listPersonaNames('discord:100');
    expect(secondNames.some((name) => firstNames.includes(name))).toBe(false);
  });

  it('no @everyone, @here or user ping is possible from model or user text, in plain posts or embeds', async () => {
    const conversation: Conversation = { tenantId: 'discord:100', channelKey: '110', userId: '700' };
    const hostile = 'Buy now @everyone and @here, ask <@700> or <@&100>';
    const sink = harness.bot.sink;
    await sink.post(conversation, { kind: 'text', text: hostile, speaker: { kind: 'persona', name: 'Mallory' } });
    await sink.post(conversation, { kind: 'text', text: hostile, blocks: [{ kind: 'section', text: hostile }] });
    await sink.post(conversation, { kind: 'text', text: hostile });
    const last = discord.messagesIn('110').slice(-3);
    expect(last).toHaveLength(3);
    for (const message of last) {
      expect(message.allowed_mentions).toEqual({ parse: [] });
      expect(message.mention_everyone).toBe(false);
      const shown = JSON.stringify([message.content, message.embeds]);
      expect(shown).not.toMatch(/@everyone|@here|<@\d+>|<@&\d+>/);
      expect(shown).toContain('@\u2060everyone');
    }
  });
});
