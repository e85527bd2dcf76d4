import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordBot, type DiscordBot } from '../../../adapters/discord/index.js';
import { botText } from '../../../commands/replies.js';
import { FakeDiscord } from '../../fakes/discord-server.js';
import { LIMITS } from '../slack/harness.js';
import { offlineModel, tempStore } from './harness.js';

// A Discord worker (TROUPE_ROLE=worker) never logs in to the gateway, so it never gets READY with its user;
// after a crash it looks for its own earlier posts by author, so it learns its id through REST.

describe('a Discord bot without the gateway', () => {
  let discord: FakeDiscord | undefined;
  let bot: DiscordBot | undefined;
  let temp: Awaited<ReturnType<typeof tempStore>> | undefined;
  afterEach(async () => {
    await bot?.stop();
    await discord?.stop();
    await temp?.cleanup();
  });

  it('finds its own earlier bot post only once it knows its user id from GET /users/@me', async () => {
    discord = await FakeDiscord.start({ guilds: [{ id: '100', channels: ['110'] }] });
    temp = await tempStore();
    const { store } = temp;
    // An application whose bot user has another id (older Discord apps): the fallback guess is wrong.
    bot = createDiscordBot({
      store,
      model: offlineModel(),
      limits: LIMITS,
      token: 'test-token',
      applicationId: '123456789012345678',
      apiUrl: discord.apiUrl,
      log: () => undefined,
    });
    const conversation = { tenantId: 'discord:100', channelKey: '110', userId: '7' };
    const reply = botText('#1 start', { idempotencyKey: 'job:j1:start' });
    const posted = await bot.sink.post(conversation, reply);
    expect(await bot.sink.findPosted(conversation, 'job:j1:start', reply)).toBeUndefined();
    await bot.identify();
    expect(await bot.sink.findPosted(conversation, 'job:j1:start', reply)).toEqual({ messageId: posted.messageId });
    expect(discord.identified).toBe(0);
    expect(discord.callsTo('GET', /^\/users\/@me$/)).toHaveLength(1);
  });
});
