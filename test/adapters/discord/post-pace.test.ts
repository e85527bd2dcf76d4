import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordHarness, tempStore } from './harness.js';

const TENANT = 'discord:100';

describe('Discord posting pace: progress edits in their own coalesced lane, persona posts in order and exactly once', () => {
  let harness: DiscordHarness;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    // An interval longer than the test: every edit between the acknowledgement and the final one is coalesced away.
    harness = await DiscordHarness.start({ store: temp.store, overrides: { progressEditIntervalMs: 3_600_000 } });
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  it('posts every answer once in the engine order, and edits the deferred progress reply only at the end', async () => {
    await harness.panel('create', { count: 8, description: 'commuters in Leeds' });
    const [panel] = await harness.store.listPanels(TENANT);
    const coalescedBefore = harness.bot.progressLane.editsCoalesced;
    // A 429 storm on the webhook posts: discord.js waits each out and sends again, the queue keeps the order.
    harness.discord.rateLimitNext(6, (call) => call.method === 'POST' && call.route.startsWith('/webhooks/'));
    const payload = await harness.panel('ask', { question: 'Would you pay for a live bus-crowding map?' });

    const question = harness.discord
      .messagesIn('110')
      .find((message) => JSON.stringify([message.content, message.embeds]).includes('bus-crowding'))!;
    const answers = harness.personaPosts(question.id);
    const said = (await harness.store.listPosts(TENANT, '110', question.id)).filter((record) => record.speaker);
    expect(harness.discord.rateLimited).toBeGreaterThanOrEqual(6);
    // Exactly once: what Discord holds is what the panel said, one message per answer, none doubled.
    expect(said.length).toBeGreaterThanOrEqual(8);
    expect(answers.map((post) => post.id)).toEqual(said.map((record) => record.platformId));
    expect(new Set(answers.map((post) => post.content)).size).toBe(answers.length);
    // The engine's order: the panel's personas in their stable order.
    const roster = (await harness.store.listPersonas(TENANT, panel.id)).map((persona) => persona.name);
    const speakers = answers.map((post) => post.author.username).filter((name, i, all) => all.indexOf(name) === i);
    expect(speakers).toEqual(roster);
    // Progress: the acknowledgement edited the deferred reply; of the edits in between only the final one was sent.
    const progress = harness.discord.messages.find((message) => message.interaction_token === payload.token)!;
    expect(progress.edits).toBe(2);
    expect(progress.content).toMatch(/^✅ .*8\/8/);
    expect(harness.bot.progressLane.editsCoalesced - coalescedBefore).toBeGreaterThanOrEqual(8);
  });
});
