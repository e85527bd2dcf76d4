import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeDiscordMessage } from '../../fakes/discord-server.js';
import { DiscordHarness, opts, tempStore } from './harness.js';

const TENANT = 'discord:100';
const CITIES = ['Oslo', 'Lima', 'Pune', 'Accra', 'Quito', 'Hanoi', 'Perth', 'Tunis', 'Cork', 'Fez'];
type Component = { custom_id: string; label: string };
const buttons = (message: FakeDiscordMessage) =>
  (message.components as { components: Component[] }[]).flatMap((row) => row.components);
const textOf = (message: FakeDiscordMessage) => `${message.content ?? ''} ${JSON.stringify(message.embeds ?? [])}`;

describe('Discord: people vote beside the panel with buttons (real discord.js, fake Discord, SQLite)', () => {
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

  const click = async (message: FakeDiscordMessage, customId: string, userId: string) => {
    const payload = harness.discord.interaction({
      type: 3,
      guildId: '100',
      channelId: message.channel_id,
      userId,
      data: { custom_id: customId, component_type: 2 },
      message,
    });
    await harness.settleInteraction(String(payload.id));
  };

  it('takes one vote per person from the ballot buttons and posts the comparison on [Close]', async () => {
    await harness.panel('create', { count: 3, description: 'US adults of all ages' });
    await harness.slash('poll', opts({ kind: 'yesno', question: 'Would you pay $5 a month?', 'with-people': true }));
    const all = () => harness.discord.messages;
    const ballot = all().find((message) => textOf(message).includes('People poll'))!;
    expect(ballot).toBeTruthy();
    const ids = buttons(ballot);
    expect(ids.map((button) => button.label)).toEqual(['yes', 'no', 'Close']);
    await click(ballot, ids[0].custom_id, '701');
    await click(ballot, ids[1].custom_id, '702');
    await click(ballot, ids[1].custom_id, '701');
    const poll = await harness.store.findOpenPeoplePoll(TENANT, ballot.channel_id);
    const votes = await harness.store.listVotes(TENANT, poll!.id);
    expect(votes.map((vote) => [vote.userId, vote.option]).sort()).toEqual([
      ['701', 'no'],
      ['702', 'no'],
    ]);
    await click(ballot, ids[2].custom_id, '700');
    await harness.bot.whenIdle();
    const result = all().find((message) => textOf(message).includes('People beside the panel'));
    expect(result && textOf(result)).toContain('panel n = 3 · people n = 2');
  });

  it.each<{ options: Record<string, string | boolean>; values: string[]; labels: string[] }>([
    {
      options: { kind: 'likert', question: 'I trust the bank', points: '7', 'with-people': true },
      values: ['1', '2', '3', '4', '5', '6', '7'],
      labels: ['1 Strongly disagree', '2', '3', '4', '5', '6', '7 Strongly agree'],
    },
    {
      options: {
        kind: 'choice',
        question: 'Which city?',
        options: CITIES.map((city) => `"${city}"`).join(' '),
        'with-people': true,
      },
      values: CITIES,
      labels: CITIES,
    },
  ])('a $values.length-option ballot keeps every option as a button (rows of five) and counts each', async (entry) => {
    await harness.slash('poll', opts(entry.options));
    const ballot = harness.discord.messages.find(
      (message) => textOf(message).includes('People poll') && textOf(message).includes(String(entry.options.question)),
    )!;
    const rows = ballot.components as { components: Component[] }[];
    expect(rows.map((row) => row.components.length)).toEqual(entry.values.length === 7 ? [5, 3] : [5, 5, 1]);
    const all = buttons(ballot);
    expect(all.map((button) => button.label)).toEqual([...entry.labels, 'Close']);
    for (const [index, button] of all.slice(0, -1).entries()) await click(ballot, button.custom_id, `80${index}`);
    const pollId = /--poll (\S+)/.exec(all[0].custom_id)![1];
    const votes = await harness.store.listVotes(TENANT, pollId);
    expect(votes.map((vote) => [vote.userId, vote.option]).sort()).toEqual(
      entry.values.map((value, index) => [`80${index}`, value]).sort(),
    );
    await click(ballot, all.at(-1)!.custom_id, '700');
    await harness.bot.whenIdle();
    const result = harness.discord.messages.find(
      (message) =>
        textOf(message).includes(`People beside the panel: ${entry.options.question}`) &&
        textOf(message).includes('Jensen-Shannon'),
    );
    expect(result && textOf(result)).toContain(`people n = ${entry.values.length}`);
  });
});
