import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONA_EVENT_TYPE } from '../../../adapters/slack/index.js';
import type { SlackCall } from '../../fakes/slack-server.js';
import { Harness, tempStore } from './harness.js';

const TENANT = 'slack:T0001';
const accepted = (call: SlackCall) => (call.result as { ok?: boolean } | undefined)?.ok === true;
const isPersona = (call: SlackCall) => String(call.args.metadata ?? '').includes(PERSONA_EVENT_TYPE);

describe('Slack posting pace: progress edits in their own coalesced lane, persona posts in order under a 429 storm', () => {
  let harness: Harness;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    // An interval longer than the test: every edit between the acknowledgement and the final one is coalesced away.
    harness = await Harness.start({ store: temp.store, overrides: { progressEditIntervalMs: 3_600_000 } });
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  it('posts every answer exactly once in the engine order, and edits the progress message only at the end', async () => {
    await harness.command('/panel', 'create 8 commuters in Leeds');
    await harness.idle();
    const [panel] = await harness.store.listPanels(TENANT);
    const postsBefore = harness.posts().length;
    const updatesBefore = harness.slack.callsOf('chat.update').length;
    // The storm: two 429s (Retry-After 1 s) before every post Slack accepts.
    for (let i = 0; i < 12; i++) {
      harness.slack.rateLimitNext('chat.postMessage', 2, 1);
      harness.slack.enqueue('chat.postMessage', { kind: 'normal' });
    }
    await harness.command('/panel', 'ask Would you pay for a live bus-crowding map?');
    await harness.idle();

    const calls = harness.posts().slice(postsBefore);
    expect(calls.filter((call) => !accepted(call)).length).toBeGreaterThanOrEqual(16);
    const thread = calls.find((call) => accepted(call) && String(call.args.text).includes('bus-crowding'))!.result!
      .ts as string;
    const answers = calls.filter((call) => accepted(call) && isPersona(call) && call.args.thread_ts === thread);
    const said = (await harness.store.listPosts(TENANT, 'C1', thread)).filter((record) => record.speaker);
    // Exactly once: what Slack accepted is what the panel said, one message per TALK, none doubled.
    expect(said.length).toBeGreaterThanOrEqual(8);
    expect(answers.map((call) => [call.args.username, call.args.text])).toEqual(
      said.map((record) => [record.speaker, record.body.text]),
    );
    expect(new Set(answers.map((call) => String(call.args.metadata))).size).toBe(answers.length);
    // The engine's order: the panel's personas in their stable order.
    const roster = (await harness.store.listPersonas(TENANT, panel.id)).map((persona) => persona.name);
    const speakers = answers
      .map((call) => String(call.args.username))
      .filter((name, i, all) => all.indexOf(name) === i);
    expect(speakers).toEqual(roster);
    // Progress: the acknowledgement was a post; of all the edits in between, only the final one reached Slack.
    const updates = harness.slack.callsOf('chat.update').slice(updatesBefore);
    expect(updates).toHaveLength(1);
    expect(String(updates[0].args.text)).toMatch(/^:white_check_mark: .*8\/8/);
    expect(harness.app.progressLane.editsCoalesced).toBeGreaterThanOrEqual(8);
  });
});
