import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../../../adapters/discord/index.js';
import type { FakeDiscordMessage } from '../../fakes/discord-server.js';
import { DiscordHarness, opts, tempStore } from './harness.js';

const TENANT = 'discord:100';
const PUBLIC_URL = 'https://troupe.example.test';

const buttonIds = (message: FakeDiscordMessage) =>
  (message.components as { components: { custom_id: string }[] }[]).flatMap((row) =>
    row.components.map((component) => component.custom_id),
  );

describe('Discord full flow on the offline model (real discord.js, fake Discord, SQLite store)', () => {
  let harness: DiscordHarness;
  let cleanup: () => Promise<void>;
  let names: string[] = [];
  let thread = '';

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    harness = await DiscordHarness.start({ store: temp.store, overrides: { publicUrl: PUBLIC_URL } });
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  it('registers guild-scoped application commands with typed options built from the grammar', async () => {
    const registered = await registerCommands({
      token: 'test-token',
      applicationId: harness.discord.applicationId,
      guildId: '100',
      apiUrl: harness.discord.apiUrl,
      maxPanelSize: 20,
    });
    expect(harness.discord.callsTo('PUT', /^\/applications\/\d+\/guilds\/100\/commands$/)).toHaveLength(1);
    const byName = new Map(registered.map((command) => [command.name, command]));
    for (const name of [
      'panel',
      'poll',
      'brainstorm',
      'intervene',
      'summarize',
      'export',
      'persona',
      'usage',
      'cancel',
      'help',
    ])
      expect(byName.has(name), name).toBe(true);
    const create = byName.get('panel')!.options.find((option) => option.name === 'create')!;
    expect(create.options?.find((option) => option.name === 'count')).toMatchObject({
      type: 4,
      required: true,
      max_value: 20,
    });
    expect(create.options?.find((option) => option.name === 'description')).toMatchObject({ type: 3, required: true });
    const kinds = byName
      .get('poll')!
      .options.find((option) => option.name === 'kind')!
      .choices!.map((c) => c.value);
    expect(kinds).toEqual(['likert', 'choice', 'multi', 'yesno', 'number', 'open', 'compare', 'close']);
    const formats = byName
      .get('export')!
      .options.find((option) => option.name === 'format')!
      .choices!.map((c) => c.value);
    expect(formats).toEqual(['md', 'json', 'csv', 'docx']);
    const show = byName.get('panel')!.options.find((option) => option.name === 'show')!;
    expect(show.options?.[0]).toMatchObject({ name: 'name', autocomplete: true });
    expect(byName.get('persona')!.options[0]).toMatchObject({ name: 'name', autocomplete: true });
  });

  it('/panel create defers, edits the deferred reply as progress, and posts the panel card with buttons', async () => {
    const payload = await harness.panel('create', { count: 3, description: 'US parents of toddlers' });
    const callbacks = harness.discord.callbacks.filter((callback) => callback.interactionId === payload.id);
    expect(callbacks.map((callback) => callback.type)).toEqual([5]);
    const original = harness.discord.messages.find((message) => message.interaction_token === payload.token)!;
    expect(original.edits).toBeGreaterThanOrEqual(2);
    expect(original.content).toMatch(/^✅ /);
    const panels = await harness.store.listPanels(TENANT);
    expect(panels).toHaveLength(1);
    names = (await harness.store.listPersonas(TENANT, panels[0].id)).map((persona) => persona.name);
    expect(names).toHaveLength(3);
    const card = harness.discord
      .messagesIn('110')
      .find((message) => message.embeds.length && message.components.length)!;
    const embed = card.embeds[0] as { title: string; description: string };
    expect(embed.title).toContain('Synthetic panel');
    for (const name of names) expect(embed.description).toContain(name);
    expect(buttonIds(card).map((id) => id.split(':')[1])).toEqual(['ask', 'poll', 'brainstorm', 'summarize', 'export']);
    expect(card.allowed_mentions).toEqual({ parse: [] });
  });

  it('autocompletes persona and panel names of this guild', async () => {
    const typed = names[0].slice(0, 3);
    const payload = harness.discord.interaction({
      type: 4,
      guildId: '100',
      channelId: '110',
      data: { id: '1', name: 'persona', type: 1, options: [{ name: 'name', type: 3, value: typed, focused: true }] },
    });
    await harness.settleInteraction(String(payload.id));
    const answer = harness.discord.callbacks.find((callback) => callback.interactionId === payload.id)!;
    expect(answer.type).toBe(8);
    const choices = ((answer.data?.choices ?? []) as { name: string }[]).map((choice) => choice.name);
    expect(choices).toContain(names[0]);
    expect(choices.every((choice) => choice.toLowerCase().includes(typed.toLowerCase()))).toBe(true);
  });

  it('/panel ask opens a public thread on the question; every persona answers through one webhook with its name, avatar and the thread id', async () => {
    await harness.panel('ask', { question: 'What would make a grocery app worth paying for?' });
    const question = harness.discord
      .messagesIn('110')
      .find((message) => JSON.stringify([message.content, message.embeds]).includes('grocery app'))!;
    expect(question).toBeDefined();
    thread = question.id;
    expect(harness.discord.channels.get(thread)).toMatchObject({ type: 11, parent_id: '110' });
    const posts = harness.personaPosts(thread);
    expect(posts.map((post) => post.author.username).sort()).toEqual([...names].sort());
    expect(new Set(posts.map((post) => post.avatar_url)).size).toBe(3);
    for (const post of posts) {
      expect(post.avatar_url).toMatch(/^https:\/\/troupe\.example\.test\/avatars\/.+\.png\?t=discord%3A100$/);
      expect(post.allowed_mentions).toEqual({ parse: [] });
      expect(post.content).toContain('Synthetic persona');
    }
    expect(harness.discord.webhooks.filter((hook) => hook.channel_id === '110')).toHaveLength(1);
    const executions = harness.discord.callsTo('POST', /^\/webhooks\/\d+\/[^/]+$/).filter((call) => call.body.username);
    expect(
      executions.every((call) => call.query.get('thread_id') === thread && call.query.get('wait') === 'true'),
    ).toBe(true);
    expect(harness.discord.callsTo('POST', new RegExp(`^/channels/${thread}/typing$`)).length).toBeGreaterThanOrEqual(
      1,
    );
  });

  it('a reply to a persona post is a follow-up to that persona only', async () => {
    const target = harness.personaPosts(thread)[1];
    const before = harness.personaPosts(thread).length;
    await harness.say({ channelId: thread, content: 'Why do you say that?', replyTo: target.id });
    const added = harness.personaPosts(thread).slice(before);
    expect(added.map((post) => post.author.username)).toEqual([target.author.username]);
  });

  it('without relying on message content: a mention of the bot with @Name in the thread goes to that persona', async () => {
    const name = names[0];
    const before = harness.personaPosts(thread).length;
    await harness.say({
      channelId: thread,
      content: `<@${harness.discord.botId}> @${name} what would you pay?`,
      mentionsBot: true,
    });
    expect(
      harness
        .personaPosts(thread)
        .slice(before)
        .map((post) => post.author.username),
    ).toEqual([name]);
  });

  it('a slash /poll inside the thread applies to the thread: results embed plus the chart as an attachment', async () => {
    await harness.slash('poll', opts({ kind: 'yesno', question: 'Would you pay $5 a month?' }), { channelId: thread });
    const inThread = harness.discord.messagesIn(thread);
    const chart = inThread.find((message) => message.attachments.some((file) => file.filename.endsWith('.png')));
    expect(chart).toBeDefined();
    expect(inThread.some((message) => message.embeds.length > 0 && !message.webhook_id)).toBe(true);
  });

  it('/summarize in the thread is labelled synthetic, /export md arrives as an attachment', async () => {
    await harness.slash('summarize', [], { channelId: thread });
    const summary = harness.discord
      .messagesIn(thread)
      .find((message) => JSON.stringify(message.embeds).toLowerCase().includes('synthetic'));
    expect(summary).toBeDefined();
    await harness.slash('export', opts({ format: 'md' }), { channelId: thread });
    const all = [...harness.discord.messagesIn(thread), ...harness.discord.messagesIn('110')];
    expect(all.some((message) => message.attachments.some((file) => file.filename.endsWith('.md')))).toBe(true);
  });

  it('[Ask] on the card opens a modal; submitting it opens a new thread', async () => {
    const card = harness.discord.messagesIn('110').find((message) => message.components.length)!;
    const askId = buttonIds(card).find((id) => id.startsWith('troupe:ask'))!;
    const clicked = await harness.click(card, askId);
    const modal = harness.discord.callbacks.find((callback) => callback.interactionId === clicked)!;
    expect(modal.type).toBe(9);
    const modalId = String(modal.data?.custom_id);
    const threadsBefore = [...harness.discord.channels.values()].filter((channel) => channel.type === 11).length;
    await harness.submit(modalId, { question: 'Which store do you trust most?' });
    const threads = [...harness.discord.channels.values()].filter((channel) => channel.type === 11);
    expect(threads).toHaveLength(threadsBefore + 1);
    expect(harness.personaPosts(threads.at(-1)!.id)).toHaveLength(3);
  });

  it('a wrong command answers ephemerally with an example and removes the public placeholder', async () => {
    const payload = await harness.panel('show', { name: 'no-such-panel' });
    const ephemeral = harness.discord.messages.filter((message) => message.ephemeral);
    expect(JSON.stringify(ephemeral.at(-1)?.embeds)).toMatch(/no-such-panel/i);
    expect(harness.discord.messages.some((message) => message.interaction_token === payload.token)).toBe(false);
  });
});
