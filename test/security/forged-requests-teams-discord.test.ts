import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakes/discord-server.js';
import { testKey } from '../fakes/bot-jwks.js';
import { DiscordHarness, opts, until } from '../adapters/discord/harness.js';
import { APP_ID, Harness, tempStore } from '../adapters/teams/harness.js';

describe('security: forged, stale and wrong-audience Teams requests are 401 and run nothing', () => {
  let harness: Harness;
  let cleanup: () => Promise<void>;
  const TENANT = 'teams:tenant-a';

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    harness = await Harness.start({ store: temp.store });
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  const now = () => Math.floor(Date.now() / 1000);
  const forged: [string, () => string | null][] = [
    ['no token', () => null],
    [
      'a token signed by another key (forged)',
      () =>
        `Bearer ${harness.jwks.token({ aud: APP_ID, serviceurl: harness.connector.serviceUrl }, testKey('attacker-key'))}`,
    ],
    ['an expired token (stale)', () => `Bearer ${harness.token({ exp: now() - 600, nbf: now() - 4000 })}`],
    ['a token for another bot (wrong audience)', () => `Bearer ${harness.token({ aud: 'another-bot-app-id' })}`],
    ['an unsigned token', () => `Bearer ${harness.jwks.token({ aud: APP_ID }, null)}`],
  ];

  it.each(forged)('%s: 401, no job, no panel, nothing sent', async (_label, authorization) => {
    const calls = harness.connector.calls.length;
    const response = await harness.post(
      harness.activity('<at>Troupe</at> panel create 2 nurses in Lagos'),
      authorization(),
    );
    expect(response.status).toBe(401);
    await harness.idle();
    expect(harness.connector.calls.length).toBe(calls);
    expect(await harness.store.listPanels(TENANT)).toEqual([]);
    expect(await harness.store.listJobs(TENANT, 100)).toEqual([]);
  });

  it('the same activity, validly signed, does run (the refusals above were the tokens)', async () => {
    expect((await harness.mention('panel create 2 nurses in Lagos')).status).toBe(200);
    await harness.idle();
    expect(await harness.store.listPanels(TENANT)).toHaveLength(1);
  });
});

describe('security: replayed Discord interactions and gateway dispatches run once', () => {
  let discord: FakeDiscord;
  let harness: DiscordHarness;
  let cleanup: () => Promise<void>;
  const TENANT = 'discord:100';

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    discord = await FakeDiscord.start({ guilds: [{ id: '100', channels: ['110'] }] });
    harness = await DiscordHarness.start({ store: temp.store, discord });
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  it('a /panel create interaction delivered twice creates one panel, one job, one reply', async () => {
    const payload = discord.interaction({
      type: 2,
      guildId: '100',
      channelId: '110',
      data: {
        id: '1',
        name: 'panel',
        type: 1,
        options: [{ name: 'create', type: 1, options: opts({ count: 2, description: 'nurses in Lagos' }) }],
      },
    });
    discord.redeliver(payload);
    await harness.settleInteraction(String(payload.id));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await harness.bot.whenIdle();
    expect(discord.callbacks.filter((callback) => callback.interactionId === payload.id)).toHaveLength(1);
    expect(await harness.store.listPanels(TENANT)).toHaveLength(1);
    expect(await harness.store.listJobs(TENANT, 100)).toHaveLength(1);
  });

  it('a message replayed by the gateway after RESUME is answered once', async () => {
    await harness.panel('ask', { question: 'Bus or bike?' });
    const thread = [...discord.channels.values()].filter((channel) => channel.type === 11).at(-1)!.id;
    const seq = discord.lastSequence;
    await harness.say({ channelId: thread, content: 'And when it rains?' });
    const answered = harness.personaPosts(thread).length;
    const jobs = (await harness.store.listJobs(TENANT, 100)).length;
    discord.replayAfter(seq);
    const resumes = discord.resumed;
    discord.dropSocket();
    await until(() => discord.resumed === resumes + 1, 'the resume');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await harness.bot.whenIdle();
    expect(harness.personaPosts(thread)).toHaveLength(answered);
    expect(await harness.store.listJobs(TENANT, 100)).toHaveLength(jobs);
  });
});
