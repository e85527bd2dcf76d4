import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackCall } from '../../fakes/slack-server.js';
import { Harness, offlineModel, tempStore } from './harness.js';

// /fork, /diff, /experiment and --independent-then-discuss through the real Bolt app, the fake
// Slack Web API and a SQLite store, on the offline model. In Slack a command inside a thread is a
// mention starting with a slash (slash commands carry no thread).

const TENANT = 'slack:T0001';
const ALL = { prefix: 1000, recent: 100000, semantic: 100000 };
const personaPosts = (calls: SlackCall[]) => calls.filter((call) => typeof call.args.username === 'string');
const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
const texts = (calls: SlackCall[]) => calls.map((call) => String(call.args.text ?? ''));

describe('thread experiments on Slack (offline model)', () => {
  let harness: Harness;
  let cleanup: () => Promise<void>;
  let thread = '';
  let forkThread = '';
  const lastThread = async () => (await harness.store.getValue(TENANT, 'thread:last:C1')) as string;

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    harness = await Harness.start({ store: temp.store, model: offlineModel() });
    await harness.command('/panel', 'create 3 US parents of toddlers');
    await harness.idle();
    await harness.command('/panel', 'ask "Would you buy the Saffron meal kit at $9 a month?"');
    await harness.idle();
    thread = await lastThread();
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  it('@Troupe /fork in a thread opens a fork thread whose personas answer the changed question; the parent is unchanged', async () => {
    const parent = (await harness.store.getWorld(TENANT, 'C1'))!;
    const before = JSON.stringify(await harness.store.loadMemories(TENANT, parent.id, ALL));
    await harness.mention('/fork "Would you buy the Saffron meal kit at $12 a month?"', { thread });
    await harness.idle();
    forkThread = await lastThread();
    expect(forkThread).not.toBe(thread);
    const fork = await harness.store.getForkByThread(TENANT, 'C1', forkThread);
    expect(fork).toMatchObject({ parentWorldId: parent.id, parentThreadKey: thread });
    const header = harness.posts().find((call) => String(call.args.text).startsWith('🍴'))!;
    expect(header.args.thread_ts).toBeUndefined();
    expect(String(header.args.text)).toContain(
      'Fork of the thread “Would you buy the Saffron meal kit at $9 a month?”',
    );
    expect(personaPosts(harness.posts(forkThread))).toHaveLength(3);
    expect(JSON.stringify(await harness.store.loadMemories(TENANT, parent.id, ALL))).toBe(before);
    expect(JSON.stringify(await harness.store.loadMemories(TENANT, fork!.worldId, ALL))).toContain('$12 a month');
  });

  it('the [Fork] button on the question opens a modal; submitting it forks that thread', async () => {
    const question = harness.posts().find((call) => String(call.args.text).includes('$9 a month'))!;
    expect(String(question.args.blocks)).toContain('troupe_fork');
    await harness.interaction({
      type: 'block_actions',
      trigger_id: 'trigger-fork',
      channel: { id: 'C1', name: 'general' },
      message: { ts: thread, type: 'message' },
      actions: [{ action_id: 'troupe_fork', block_id: 'b1', type: 'button', value: '/fork', action_ts: '1' }],
    });
    await harness.idle();
    const view = json(harness.slack.callsOf('views.open').at(-1)!.args.view);
    expect(JSON.stringify(view)).toContain('Fork this thread');
    await harness.interaction({
      type: 'view_submission',
      trigger_id: 'trigger-submit',
      view: {
        id: 'V2',
        type: 'modal',
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        state: { values: { text: { value: { type: 'plain_text_input', value: 'And at $15 a month?' } } } },
      },
    });
    await harness.idle();
    const forks = await harness.store.listForks(TENANT, (await harness.store.getWorld(TENANT, 'C1'))!.id);
    expect(forks.find((fork) => fork.stimulus === 'And at $15 a month?')).toMatchObject({ parentThreadKey: thread });
  });

  it('@Troupe /diff in the fork posts the chart, the text and the Markdown export there', async () => {
    await harness.mention('/poll yesno "Would you buy it?"', { thread });
    await harness.idle();
    await harness.mention('/poll yesno "Would you buy it?"', { thread: forkThread });
    await harness.idle();
    await harness.mention('/diff', { thread: forkThread });
    await harness.idle();
    const report = texts(harness.posts(forkThread)).find((text) => text.startsWith('Diff:'));
    expect(report).toContain('Diff: parent vs fork');
    expect(report).toContain('Paired (McNemar exact, 3 personas in both)');
    const uploads = harness.slack.callsOf('files.completeUploadExternal');
    expect(JSON.stringify(uploads.map((call) => call.args))).toContain(forkThread);
  });

  it('/panel ask --independent-then-discuss posts private answers, the discussion and the opinion-shift report', async () => {
    await harness.command('/panel', 'ask "Would you pay for grocery delivery?" --independent-then-discuss --rounds 1');
    await harness.idle();
    const independent = await lastThread();
    const posted = texts(harness.posts(independent));
    expect(posted.some((text) => text.includes('Independent answers: each persona answers without seeing'))).toBe(true);
    expect(posted.find((text) => text.startsWith('Opinion shift'))).toMatch(/Changed their answer: \d of 3/);
    expect(personaPosts(harness.posts(independent)).length).toBeGreaterThanOrEqual(6);
  });

  it('@Troupe /experiment splits the panel into two arm threads and posts the diff in the parent thread', async () => {
    await harness.mention(`/experiment "It costs $9" "It costs $12" --poll 'yesno "Would you subscribe?"' --seed 3`, {
      thread,
    });
    await harness.idle();
    const report = texts(harness.posts(thread)).find((text) => text.startsWith('Diff: arm A'));
    expect(report).toContain('Design: between personas, split at random (seed 3)');
    const forks = await harness.store.listForks(TENANT, (await harness.store.getWorld(TENANT, 'C1'))!.id);
    expect(forks.filter((fork) => fork.label).map((fork) => fork.personaIds?.length)).toEqual([2, 1]);
  });
});
