import { ChannelType, Client, Events, GatewayIntentBits, type Interaction, type Message } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './discord-server.js';

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe('the fake Discord speaks the protocol the real discord.js expects', () => {
  let discord: FakeDiscord;
  let client: Client;
  const interactions: Interaction[] = [];
  const messages: Message[] = [];

  beforeAll(async () => {
    discord = await FakeDiscord.start({ guilds: [{ id: '100', channels: ['110'] }], heartbeatMs: 150 });
    client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
      rest: { api: discord.apiUrl },
    });
    client.on(Events.InteractionCreate, (interaction) => void interactions.push(interaction));
    client.on(Events.MessageCreate, (message) => void messages.push(message));
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login('test-token');
    await ready;
  });
  afterAll(async () => {
    await client?.destroy();
    await discord?.stop();
  });

  it('serves GET /gateway/bot, then HELLO → IDENTIFY → READY + GUILD_CREATE with channels', () => {
    expect(discord.callsTo('GET', /^\/gateway\/bot$/)).toHaveLength(1);
    expect(discord.identified).toBe(1);
    expect(client.user?.id).toBe(discord.botId);
    expect(client.application?.id).toBe(discord.applicationId);
    const channel = client.channels.cache.get('110');
    expect(channel?.type).toBe(ChannelType.GuildText);
    expect(client.guilds.cache.get('100')?.name).toBe('guild-100');
  });

  it('acknowledges heartbeats', async () => {
    await until(() => discord.gatewayOps.filter((op) => op === 1).length >= 2, 'two heartbeats');
    expect(client.ws.ping).toBeGreaterThanOrEqual(0);
  });

  it('posts, threads and lists messages over REST with rate-limit headers, and waits out a 429', async () => {
    const channel = client.channels.cache.get('110');
    if (channel?.type !== ChannelType.GuildText) throw new Error('no text channel');
    discord.rateLimitNext(2, (call) => call.method === 'POST' && call.route === '/channels/110/messages');
    const sent = await channel.send({ content: 'hello @everyone', allowedMentions: { parse: [] } });
    expect(discord.rateLimited).toBe(2);
    expect(discord.callsTo('POST', /^\/channels\/110\/messages$/)).toHaveLength(3);
    expect(discord.messagesIn('110').map((m) => m.content)).toEqual(['hello @everyone']);
    expect(discord.messagesIn('110')[0].mention_everyone).toBe(false);
    const thread = await sent.startThread({ name: 'a thread' });
    expect(thread.id).toBe(sent.id);
    const fetched = await channel.messages.fetch({ limit: 10 });
    expect([...fetched.keys()]).toEqual([sent.id]);
  });

  it('dispatches INTERACTION_CREATE; deferReply, editReply and an ephemeral followUp reach the callback and webhook routes', async () => {
    discord.interaction({
      type: 2,
      guildId: '100',
      channelId: '110',
      data: { id: '1', name: 'usage', type: 1 },
    });
    await until(() => interactions.length === 1, 'the interaction');
    const interaction = interactions[0];
    if (!interaction.isChatInputCommand()) throw new Error('not a slash command');
    expect(interaction.commandName).toBe('usage');
    expect(interaction.guildId).toBe('100');
    await interaction.deferReply();
    await interaction.editReply({ content: 'done' });
    await interaction.followUp({ content: 'only you', flags: 64 });
    expect(discord.callbacks.map((callback) => callback.type)).toEqual([5]);
    const original = discord.messages.find((message) => message.interaction_token === interaction.token);
    expect(original?.content).toBe('done');
    expect(discord.messages.find((message) => message.content === 'only you')?.ephemeral).toBe(true);
  });

  it('dispatches MESSAGE_CREATE and, after a dropped socket, RESUMEs and replays what was missed', async () => {
    discord.userMessage({ channelId: '110', content: 'before the drop' });
    await until(() => messages.length === 1, 'the first message');
    discord.dropSocket();
    discord.userMessage({ channelId: '110', content: 'while disconnected' });
    await until(() => discord.resumed === 1, 'the resume');
    await until(() => messages.length === 2, 'the replayed message');
    expect(messages.map((message) => message.content)).toEqual(['before the drop', 'while disconnected']);
    expect(discord.identified).toBe(1);
    expect(discord.gatewayOps).toContain(6);
  });
});
