import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL, chain, Harness, offlineModel, said, tempStore } from './harness.js';

const TENANT = 'teams:tenant-a';

describe('Teams posting pace: progress updates in their own coalesced lane, persona posts in order and exactly once', () => {
  let harness: Harness;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    // An interval longer than the test: every update between the acknowledgement and the final one is coalesced away.
    harness = await Harness.start({
      store: temp.store,
      model: offlineModel(),
      overrides: { progressEditIntervalMs: 3_600_000 },
    });
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  it('posts every answer once in the engine order, and updates the progress card only at the end', async () => {
    await harness.mention('panel create 8 commuters in Leeds');
    await harness.idle();
    const [panel] = await harness.store.listPanels(TENANT);
    const updatesBefore = harness.connector.accepted('update').length;
    const coalescedBefore = harness.teams.progressLane.editsCoalesced;
    const limitedBefore = harness.teams.queue.rateLimitedCount;
    // A 429 storm on the sends: the queue waits Retry-After and sends the same activity again.
    harness.connector.rateLimitNext('send', 6, 1);
    await harness.mention('Would you pay for a live bus-crowding map?');
    await harness.idle();

    const created = harness.connector.accepted('create-conversation').at(-1)!;
    const thread = String(created.result!.activityId);
    const answers = harness.personaPosts(chain(thread));
    const spoken = (await harness.store.listPosts(TENANT, CHANNEL, thread)).filter((record) => record.speaker);
    expect(harness.teams.queue.rateLimitedCount - limitedBefore).toBe(6);
    // Exactly once: what the conversation holds is what the panel said, one card per answer, none doubled.
    expect(spoken.length).toBeGreaterThanOrEqual(8);
    expect(answers.map((held) => said(held.activity))).toEqual(spoken.map((r) => `${r.speaker}: ${r.body.text}`));
    expect(answers.map((held) => held.id)).toEqual(spoken.map((record) => record.platformId));
    // The engine's order: the panel's personas in their stable order.
    const roster = (await harness.store.listPersonas(TENANT, panel.id)).map((persona) => persona.name);
    const speakers = answers
      .map((held) => String(held.activity.summary).split(':')[0])
      .filter((name, i, all) => all.indexOf(name) === i);
    expect(speakers).toEqual(roster);
    // Progress: the acknowledgement was a send; of all the updates in between, only the final one reached Teams.
    const updates = harness.connector.accepted('update').slice(updatesBefore);
    expect(updates).toHaveLength(1);
    expect(String(updates[0].body.summary)).toMatch(/^✅ .*8\/8/);
    expect(harness.teams.progressLane.editsCoalesced - coalescedBefore).toBeGreaterThanOrEqual(8);
  });
});
