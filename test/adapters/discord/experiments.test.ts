import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordHarness, opts, tempStore } from './harness.js';

// Smoke test: /fork and /diff reach Discord through the shared grammar (application commands built
// from it), in a thread, with real discord.js against the fake Discord.

const TENANT = 'discord:100';

describe('Discord: /fork and /diff (offline model)', () => {
  let harness: DiscordHarness;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    harness = await DiscordHarness.start({ store: temp.store });
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  it('forks a thread into a new thread where every persona answers the changed question, then diffs it', async () => {
    await harness.panel('create', { count: 3, description: 'US parents of toddlers' });
    await harness.panel('ask', { question: 'Would you buy the Saffron meal kit at $9 a month?' });
    const thread = harness.discord
      .messagesIn('110')
      .find((message) => JSON.stringify([message.content, message.embeds]).includes('Saffron meal kit at $9'))!.id;
    await harness.slash('fork', opts({ stimulus: 'Would you buy the Saffron meal kit at $12 a month?' }), {
      channelId: thread,
    });
    const header = harness.discord
      .messagesIn('110')
      .find((message) => JSON.stringify([message.content, message.embeds]).includes('🍴'))!;
    expect(header).toBeDefined();
    const fork = await harness.store.getForkByThread(TENANT, '110', header.id);
    expect(fork).toMatchObject({ parentThreadKey: thread });
    expect(harness.personaPosts(header.id)).toHaveLength(3);
    await harness.slash('diff', [], { channelId: header.id });
    const inFork = harness.discord
      .messagesIn(header.id)
      .map((message) => JSON.stringify([message.content, message.embeds]));
    expect(inFork.some((text) => text.includes('Diff: parent vs fork'))).toBe(true);
  });
});
