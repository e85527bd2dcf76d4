import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeDiscordMessage } from '../../fakes/discord-server.js';
import { DiscordHarness, opts, tempStore } from './harness.js';

// The [Fork] modal, /experiment and --independent-then-discuss through real discord.js against the
// fake Discord, on the offline model: each report in its thread, once.

const TENANT = 'discord:100';
const textOf = (message: FakeDiscordMessage) => JSON.stringify([message.content, message.embeds]);
const buttonIds = (message: FakeDiscordMessage) =>
  (message.components as { components: { custom_id: string }[] }[]).flatMap((row) =>
    row.components.map((component) => component.custom_id),
  );
/** Bot posts whose text matches, wherever they are. */
const posted = (harness: DiscordHarness, pattern: RegExp) =>
  harness.discord.messages.filter((message) => !message.webhook_id && pattern.test(textOf(message)));

describe('Discord: [Fork] modal, /experiment and independent-then-discuss (offline model)', () => {
  let harness: DiscordHarness;
  let cleanup: () => Promise<void>;
  let thread = '';

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    harness = await DiscordHarness.start({ store: temp.store });
    await harness.panel('create', { count: 3, description: 'US parents of toddlers' });
    await harness.panel('ask', { question: 'Would you buy the Saffron meal kit at $9 a month?' });
    thread = harness.discord
      .messagesIn('110')
      .find((message) => textOf(message).includes('Saffron meal kit at $9'))!.id;
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  it('[Fork] on the question opens a modal; its stimulus forks that thread under a header naming parent and change', async () => {
    const question = harness.discord.messagesIn('110').find((message) => message.id === thread)!;
    const forkButton = buttonIds(question).find((id) => id.startsWith('troupe:fork'))!;
    const clicked = await harness.click(question, forkButton);
    const modal = harness.discord.callbacks.find((callback) => callback.interactionId === clicked)!;
    expect(modal.type).toBe(9);
    expect(modal.data).toMatchObject({ custom_id: `troupe-modal:fork:${thread}`, title: 'Fork this thread' });
    expect(JSON.stringify(modal.data?.components)).toContain('"custom_id":"stimulus"');
    // Discord sends a label modal's values back as label components (type 18) around the text input.
    const submit = harness.discord.interaction({
      type: 5,
      guildId: '100',
      channelId: '110',
      data: {
        custom_id: String(modal.data?.custom_id),
        components: [
          { type: 18, id: 1, component: { type: 4, id: 2, custom_id: 'stimulus', value: 'And at $12 a month?' } },
        ],
      },
    });
    await harness.settleInteraction(String(submit.id));
    const world = (await harness.store.getWorld(TENANT, '110'))!;
    const fork = (await harness.store.listForks(TENANT, world.id)).find(
      (row) => row.stimulus === 'And at $12 a month?',
    );
    expect(fork).toMatchObject({ parentThreadKey: thread });
    const header = harness.discord.messagesIn('110').find((message) => message.id === fork!.threadKey)!;
    expect(textOf(header)).toContain('Fork of the thread “Would you buy the Saffron meal kit at $9 a month?”');
    expect(textOf(header)).toContain('changed: “And at $12 a month?”');
    expect(harness.personaPosts(header.id)).toHaveLength(3);
  });

  it('an empty [Fork] modal is answered (deferred, then what is missing with an example), and forks nothing', async () => {
    const world = (await harness.store.getWorld(TENANT, '110'))!;
    const forksBefore = (await harness.store.listForks(TENANT, world.id)).length;
    const submit = harness.discord.interaction({
      type: 5,
      guildId: '100',
      channelId: '110',
      data: {
        custom_id: `troupe-modal:fork:${thread}`,
        components: [{ type: 18, id: 1, component: { type: 4, id: 2, custom_id: 'stimulus', value: '   ' } }],
      },
    });
    await harness.settleInteraction(String(submit.id));
    expect(
      harness.discord.callbacks.filter((callback) => callback.interactionId === submit.id).map((c) => c.type),
    ).toEqual([5]);
    // Only the person who pressed it sees the answer: what is missing, with an example.
    const reply = harness.discord.messages.filter((message) => message.ephemeral).at(-1);
    expect(textOf(reply!)).toContain('The changed stimulus is missing');
    expect(textOf(reply!)).toContain('Example: /fork');
    expect(await harness.store.listForks(TENANT, world.id)).toHaveLength(forksBefore);
  });

  it('/experiment in the thread: an arm thread per arm with only its personas, the diff posted once in the parent thread', async () => {
    await harness.slash(
      'experiment',
      opts({
        a: 'Would you subscribe at $9 a month?',
        b: 'Would you subscribe at $12 a month?',
        poll: 'yesno "Would you subscribe?"',
        seed: '3',
      }),
      {
        channelId: thread,
      },
    );
    const reports = posted(harness, /Diff: arm A/).filter((message) => !message.attachments.length);
    const charts = posted(harness, /Diff: arm A/).filter((message) => message.attachments.length);
    expect(charts.map((message) => message.channel_id)).toEqual([thread]);
    expect(reports.map((message) => message.channel_id)).toEqual([thread]);
    expect(textOf(reports[0])).toContain('Design: between personas, split at random (seed 3)');
    expect(textOf(reports[0])).toMatch(
      /arm A \(“Would you subscribe at \$9 a month\?”\) n=2.*arm B \(“Would you subscribe at \$12 a month\?”\) n=1/,
    );
    const world = (await harness.store.getWorld(TENANT, '110'))!;
    const arms = (await harness.store.listForks(TENANT, world.id)).filter((fork) => fork.label);
    expect(arms.map((fork) => fork.label)).toEqual(['A', 'B']);
    const personas = await harness.store.listPersonas(TENANT, world.panelId);
    for (const arm of arms) {
      const members = personas.filter((persona) => arm.personaIds!.includes(persona.id)).map((persona) => persona.name);
      const speakers = harness.personaPosts(arm.threadKey!).map((message) => message.author.username);
      expect(speakers.sort()).toEqual(members.sort());
      const header = harness.discord.messagesIn('110').filter((message) => message.id === arm.threadKey);
      expect(header).toHaveLength(1);
    }
    expect(arms.map((fork) => fork.personaIds!.length)).toEqual([2, 1]);
  });

  it('/panel ask --independent-then-discuss: private answers, discussion, then the opinion-shift report once in its thread', async () => {
    await harness.panel('ask', {
      question: 'Would you pay for grocery delivery?',
      'independent-then-discuss': true,
      rounds: 1,
    });
    const opening = harness.discord
      .messagesIn('110')
      .find((message) => textOf(message).includes('Would you pay for grocery delivery? (independent first'))!;
    const inThread = harness.discord.messagesIn(opening.id).map(textOf);
    expect(inThread.filter((text) => text.includes('Independent answers: each persona answers'))).toHaveLength(1);
    const reports = posted(harness, /Opinion shift/).filter((message) => !message.attachments.length);
    expect(reports.map((message) => message.channel_id)).toEqual([opening.id]);
    expect(textOf(reports[0])).toMatch(/Changed their answer: \d of 3/);
    // Three persona answers privately, at least the final three after the discussion.
    expect(harness.personaPosts(opening.id).length).toBeGreaterThanOrEqual(6);
    const keys = (await harness.store.listPosts(TENANT, '110', opening.id)).map((post) => post.platformId);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('/poll yesno … --independent-then-discuss: the shift report with its paired test once in its thread', async () => {
    await harness.slash(
      'poll',
      opts({
        kind: 'yesno',
        question: 'Would you try a meal kit this month?',
        'independent-then-discuss': true,
        rounds: 1,
      }),
    );
    const opening = harness.discord
      .messagesIn('110')
      .find((message) => textOf(message).includes('Would you try a meal kit this month?'))!;
    const reports = posted(harness, /McNemar \(exact, paired\)/);
    expect(reports.map((message) => message.channel_id)).toEqual([opening.id]);
  });
});
