import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireJson } from '../../fakes/bot-connector.js';
import { cardOf, Harness, tempStore } from './harness.js';

const TENANT = 'teams:tenant-a';
const json = (value: unknown) => JSON.stringify(value);
const CITIES = ['Oslo', 'Lima', 'Pune', 'Accra', 'Quito', 'Hanoi', 'Perth', 'Tunis', 'Cork', 'Fez'];

describe('Teams: people vote beside the panel with Adaptive Card inputs (Teams SDK, fake connector, SQLite)', () => {
  let harness: Harness;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    harness = await Harness.start({ store: temp.store });
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  type Choice = { title: string; value: string };
  /** The ballot card's parts: the ChoiceSet's options, the [Vote] submit and the [Close] submit. */
  const ballotParts = (card: WireJson) => {
    const body = card.body as WireJson[];
    const input = body.find((element) => element.type === 'Input.ChoiceSet')!;
    expect(input.id).toBe('value');
    const actions = (body.find((element) => element.type === 'ActionSet')!.actions ?? []) as WireJson[];
    expect(actions.map((action) => action.title)).toEqual(['Vote', 'Close']);
    expect(actions[1].associatedInputs).toBe('none');
    return {
      choices: input.choices as Choice[],
      style: input.style,
      vote: actions[0].data as WireJson,
      close: actions[1].data as WireJson,
    };
  };
  const press = async (value: WireJson, user: string) => {
    expect((await harness.post(harness.activity(undefined, { user }, { value }))).status).toBe(200);
    await harness.idle();
  };
  /** What a Teams client sends for [Vote]: the submit's data with the card's inputs merged in, by input id. */
  const submit = (vote: WireJson, choice: Choice, user: string) => press({ ...vote, value: choice.value }, user);
  const ballotOf = (question: string) =>
    harness.connector
      .accepted('send')
      .map((call) => cardOf(call.body))
      .find((card) => card && json(card).includes('Input.ChoiceSet') && json(card).includes(question))!;

  it('counts card votes per person and posts the comparison when [Close] is submitted', async () => {
    await harness.mention('panel create 3 US adults of all ages');
    await harness.idle();
    await harness.mention('poll choice "Which name?" "Nova" "Orbit" --with-people');
    await harness.idle();
    const cards = harness.connector.accepted('send').map((call) => cardOf(call.body));
    const ballot = cards.find((card) => card && json(card).includes('People poll'))!;
    expect(ballot).toBeTruthy();
    const { choices, vote, close } = ballotParts(ballot);
    expect(choices.map((choice) => choice.title)).toEqual(['Nova', 'Orbit']);
    await submit(vote, choices[0], 'u2');
    await submit(vote, choices[1], 'u3');
    await submit(vote, choices[1], 'u2');
    const pollId = /--poll (\S+)/.exec(choices[0].value)![1];
    const votes = await harness.store.listVotes(TENANT, pollId);
    expect(votes.map((vote) => vote.option).sort()).toEqual(['Orbit', 'Orbit']);
    expect(new Set(votes.map((vote) => vote.userId)).size).toBe(2);
    await press(close, 'u1');
    const after = harness.connector.accepted('send').map((call) => json(call.body));
    const result = after.find((body) => body.includes('Jensen-Shannon distance'));
    expect(result).toMatch(/panel n = 3 · people n = 2/);
  });

  it.each([
    {
      command: 'poll likert "I trust the brand" --points 7 --with-people',
      question: 'I trust the brand',
      options: ['1', '2', '3', '4', '5', '6', '7'],
      titles: ['1 Strongly disagree', '2', '3', '4', '5', '6', '7 Strongly agree'],
      style: 'expanded',
    },
    {
      command: `poll choice "Which city?" ${CITIES.map((city) => `"${city}"`).join(' ')} --with-people`,
      question: 'Which city?',
      options: CITIES,
      titles: CITIES,
      style: 'compact',
    },
  ])(
    'lets people vote for every option of a $options.length-option ballot (a ChoiceSet, not six buttons)',
    async (entry) => {
      await harness.mention(entry.command);
      await harness.idle();
      const { choices, vote, close, style } = ballotParts(ballotOf(entry.question));
      expect(choices.map((choice) => choice.title)).toEqual(entry.titles);
      expect(style).toBe(entry.style);
      // Person i votes for option i (the last one first changes their mind from option 1).
      await submit(vote, choices[0], `voter-${choices.length - 1}`);
      for (const [index, choice] of choices.entries()) await submit(vote, choice, `voter-${index}`);
      const pollId = /--poll (\S+)/.exec(choices[0].value)![1];
      const votes = await harness.store.listVotes(TENANT, pollId);
      expect(votes.map((row) => [row.userId, row.option]).sort()).toEqual(
        entry.options.map((option, index) => [`29:voter-${index}`, option]).sort(),
      );
      await press(close, 'u1');
      const result = harness.connector
        .accepted('send')
        .map((call) => json(call.body))
        .find((body) => body.includes(`People beside the panel: ${entry.question}`) && body.includes('Jensen-Shannon'));
      expect(result).toContain(`people n = ${entry.options.length}`);
      for (const option of entry.options) expect(result).toContain(`"${option}"`);
    },
  );

  it("keeps a voter's Teams name only after /config export-names on", async () => {
    await harness.mention('poll yesno "Would you pay $5 a month?" --with-people');
    await harness.idle();
    const { choices, vote } = ballotParts(ballotOf('Would you pay $5 a month?'));
    const pollId = /--poll (\S+)/.exec(choices[0].value)![1];
    await submit(vote, choices[0], 'named-1');
    expect(await harness.store.getValue(TENANT, `people-poll-names:${pollId}`)).toBeUndefined();
    await harness.mention('config export-names on');
    await harness.idle();
    await submit(vote, choices[1], 'named-2');
    // The harness's activities come from "Pat Asker".
    expect(await harness.store.getValue(TENANT, `people-poll-names:${pollId}`)).toEqual({ '29:named-2': 'Pat Asker' });
  });
});
