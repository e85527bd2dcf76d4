import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL, Harness, cardOf, chain, offlineModel, tempStore } from './harness.js';

// The [Fork] form, /experiment and --independent-then-discuss through the real Teams SDK against
// the fake connector, on the offline model: each report in its reply chain, once.

const TENANT = 'teams:tenant-a';
const json = (value: unknown) => JSON.stringify(value);

describe('Teams: [Fork] form, /experiment and independent-then-discuss (offline model)', () => {
  let harness: Harness;
  let cleanup: () => Promise<void>;
  let root = '';
  /** The chain's posts (cards and texts) as JSON. */
  const inChain = (thread: string) => harness.connector.conversation(chain(thread)).map((held) => json(held.activity));
  /** Everything the bot sent anywhere (new chains and replies), as JSON. */
  const everywhere = () => [
    ...harness.connector.accepted('create-conversation').map((call) => json(call.body.activity)),
    ...harness.connector.accepted('send').map((call) => json(call.body)),
  ];

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    harness = await Harness.start({ store: temp.store, model: offlineModel() });
    await harness.mention('panel create 3 US parents of toddlers');
    await harness.idle();
    await harness.mention('Would you buy the Saffron meal kit at $9 a month?');
    await harness.idle();
    root = (await harness.store.getValue(TENANT, `thread:last:${CHANNEL}`)) as string;
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  it('[Fork] on the question card unfolds a form; submitting it forks that chain under a header naming parent and change', async () => {
    const opening = harness.connector.accepted('create-conversation').find((call) => call.result?.activityId === root)!;
    const actions = cardOf(opening.body.activity)!.body.flatMap((element: { type: string; actions?: unknown[] }) =>
      element.type === 'ActionSet' ? element.actions : [],
    );
    const fork = actions.find((action: { title: string }) => action.title === 'Fork');
    expect(fork).toMatchObject({
      type: 'Action.ShowCard',
      card: { body: expect.arrayContaining([expect.objectContaining({ type: 'Input.Text', id: 'text' })]) },
    });
    expect(fork.card.actions).toEqual([expect.objectContaining({ type: 'Action.Submit', data: { troupe: 'fork' } })]);
    const submit = harness.activity(
      undefined,
      { thread: root },
      { value: { troupe: 'fork', text: 'And at $12 a month?' }, replyToId: root },
    );
    expect((await harness.post(submit)).status).toBe(200);
    await harness.idle();
    const world = (await harness.store.getWorld(TENANT, CHANNEL))!;
    const forked = (await harness.store.listForks(TENANT, world.id)).find(
      (row) => row.stimulus === 'And at $12 a month?',
    );
    expect(forked).toMatchObject({ parentThreadKey: root });
    const header = harness.connector
      .accepted('create-conversation')
      .find((call) => call.result?.activityId === forked!.threadKey)!;
    expect(json(header.body.activity)).toContain(
      'Fork of the thread “Would you buy the Saffron meal kit at $9 a month?”',
    );
    expect(json(header.body.activity)).toContain('changed: “And at $12 a month?”');
    expect(harness.personaPosts(chain(forked!.threadKey!))).toHaveLength(3);
  });

  it('/experiment in the chain: an arm chain per arm with only its personas, the diff posted once in the parent chain', async () => {
    await harness.mention(
      `experiment "Would you subscribe at $9 a month?" "Would you subscribe at $12 a month?" --poll 'yesno "Would you subscribe?"' --seed 3`,
      { thread: root },
    );
    await harness.idle();
    const reports = everywhere().filter((text) => text.includes('Design: between personas'));
    expect(reports).toHaveLength(1);
    expect(
      inChain(root).filter((text) => text.includes('Design: between personas, split at random (seed 3)')),
    ).toHaveLength(1);
    const world = (await harness.store.getWorld(TENANT, CHANNEL))!;
    const arms = (await harness.store.listForks(TENANT, world.id)).filter((fork) => fork.label);
    expect(arms.map((fork) => [fork.label, fork.personaIds!.length])).toEqual([
      ['A', 2],
      ['B', 1],
    ]);
    const personas = await harness.store.listPersonas(TENANT, world.panelId);
    for (const arm of arms) {
      const members = personas.filter((persona) => arm.personaIds!.includes(persona.id)).map((persona) => persona.name);
      const speakers = harness
        .personaPosts(chain(arm.threadKey!))
        .map((held) => String(held.activity.summary).split(':')[0]);
      expect(speakers.sort()).toEqual(members.sort());
    }
  });

  it('@Troupe panel ask --independent-then-discuss: private answers, discussion, then the opinion-shift report once in its chain', async () => {
    await harness.mention('panel ask "Would you pay for grocery delivery?" --independent-then-discuss --rounds 1');
    await harness.idle();
    const thread = (await harness.store.getValue(TENANT, `thread:last:${CHANNEL}`)) as string;
    const posted = inChain(thread);
    expect(posted.filter((text) => text.includes('Independent answers: each persona answers'))).toHaveLength(1);
    expect(everywhere().filter((text) => /Changed their answer: \d of 3/.test(text))).toHaveLength(1);
    expect(posted.filter((text) => /Changed their answer: \d of 3/.test(text))).toHaveLength(1);
    expect(harness.personaPosts(chain(thread)).length).toBeGreaterThanOrEqual(6);
  });

  it('@Troupe poll yesno … --independent-then-discuss: the shift report with its paired test once in its chain', async () => {
    await harness.mention('poll yesno "Would you try a meal kit this month?" --independent-then-discuss --rounds 1');
    await harness.idle();
    const thread = (await harness.store.getValue(TENANT, `thread:last:${CHANNEL}`)) as string;
    const report = (text: string) => text.includes('McNemar (exact, paired)');
    expect(everywhere().filter(report)).toHaveLength(1);
    expect(inChain(thread).filter(report)).toHaveLength(1);
  });
});
