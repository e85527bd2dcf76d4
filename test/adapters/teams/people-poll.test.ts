import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireJson } from '../../fakes/bot-connector.js';
import { cardOf, Harness, tempStore } from './harness.js';

const TENANT = 'teams:tenant-a';
const json = (value: unknown) => JSON.stringify(value);

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

  it('counts card votes per person and posts the comparison when [Close] is submitted', async () => {
    await harness.mention('panel create 3 US adults of all ages');
    await harness.idle();
    await harness.mention('poll choice "Which name?" "Nova" "Orbit" --with-people');
    await harness.idle();
    const cards = harness.connector.accepted('send').map((call) => cardOf(call.body));
    const ballot = cards.find((card) => card && json(card).includes('People poll'))!;
    expect(ballot).toBeTruthy();
    const actionSet = (ballot.body as WireJson[]).find((element) => element.type === 'ActionSet')!;
    const actions = actionSet.actions as { title: string; data: WireJson }[];
    expect(actions.map((action) => action.title)).toEqual(['Nova', 'Orbit', 'Close']);
    const submit = async (data: WireJson, user: string) => {
      expect((await harness.post(harness.activity(undefined, { user }, { value: data }))).status).toBe(200);
      await harness.idle();
    };
    await submit(actions[0].data, 'u2');
    await submit(actions[1].data, 'u3');
    await submit(actions[1].data, 'u2');
    const pollId = /--poll (\S+)/.exec(String(actions[0].data.value))![1];
    const votes = await harness.store.listVotes(TENANT, pollId);
    expect(votes.map((vote) => vote.option).sort()).toEqual(['Orbit', 'Orbit']);
    expect(new Set(votes.map((vote) => vote.userId)).size).toBe(2);
    await submit(actions[2].data, 'u1');
    const after = harness.connector.accepted('send').map((call) => json(call.body));
    const result = after.find((body) => body.includes('Jensen-Shannon distance'));
    expect(result).toMatch(/panel n = 3 · people n = 2/);
  });
});
