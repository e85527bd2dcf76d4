import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../commands/reply.js';
import { OfflineModel } from '../../../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../../../engine/llm/offline/all-responders.js';
import type { Store } from '../../../engine/store/ports.js';
import { CONVERSATION, makeService, run } from '../harness.js';
import { RecordingModel } from '../../doubles/recording-model.js';
import { assignArms } from '../../../commands/forks/experiment-arms.js';

const ALL = { prefix: 1000, recent: 100000, semantic: 100000 };

/** Every row of a world a fork could touch, as one string (byte-for-byte comparison). */
async function worldRows(store: Store, worldId: string) {
  return JSON.stringify({
    memories: await store.loadMemories('T1', worldId, ALL),
    events: await store.listEvents('T1', worldId),
    world: await store.getWorldById('T1', worldId),
    checkpoints: await store.listCheckpoints('T1', worldId),
  });
}

async function threadWithTwoSteps() {
  const model = new RecordingModel(new OfflineModel({ responders: allOfflineResponders() }));
  const harness = makeService({ model });
  await run(harness.service, '/panel create 3 US parents --name parents');
  await run(harness.service, '/panel ask "Would you buy the Saffron meal kit at $9 a month?"');
  const threadKey = (await harness.store.getValue('T1', 'thread:last:C1')) as string;
  const thread: Conversation = { ...CONVERSATION, threadKey };
  await run(harness.service, 'Does the Zebrafish recipe box change your mind?', thread);
  const parent = (await harness.store.getWorld('T1', 'C1'))!;
  return { ...harness, model, thread, parent };
}

/** The thread a job of this command opened (the fork's), from the sink. */
function lastOpenedThread(sink: ReturnType<typeof makeService>['sink']): string {
  const opened = sink.posts.filter((post) => post.reply.kind === 'text' && post.reply.opensThread);
  return opened[opened.length - 1].messageId;
}

describe('/fork', () => {
  it('forks before the latest step: the fork remembers step 1, not step 2; the parent is byte-identical', async () => {
    const { service, store, sink, model, thread, parent } = await threadWithTwoSteps();
    const before = await worldRows(store, parent.id);
    const from = model.requests.length;
    await run(service, '/fork "Would you buy the Saffron meal kit at $12 a month?"', thread);
    expect(await worldRows(store, parent.id)).toBe(before);
    const forkPrompts = model.promptsSince(from);
    expect(forkPrompts).toContain('$12 a month');
    expect(forkPrompts).toContain('$9 a month');
    expect(forkPrompts).not.toContain('Zebrafish');
    const forkThread = lastOpenedThread(sink);
    const fork = (await store.getForkByThread('T1', 'C1', forkThread))!;
    expect(fork).toMatchObject({ parentWorldId: parent.id, parentThreadKey: thread.threadKey, checkpoint: 1 });
    const header = sink.texts((post) => post.messageId === forkThread)[0];
    expect(header).toContain('Fork of the thread “Would you buy the Saffron meal kit at $9 a month?”');
    expect(header).toContain('changed: “Would you buy the Saffron meal kit at $12 a month?”');
    expect(header).toContain('after step 1 of 2');
    const answers = sink.posts.filter(
      (post) =>
        post.conversation.threadKey === forkThread &&
        post.reply.kind === 'text' &&
        post.reply.speaker?.kind === 'persona',
    );
    expect(answers).toHaveLength(3);
    // The parent channel routes to the parent world still; the fork's memory has the new question.
    expect((await store.getWorld('T1', 'C1'))!.id).toBe(parent.id);
    expect(JSON.stringify(await store.loadMemories('T1', fork.worldId, ALL))).toContain('$12 a month');
  });

  it('--from now keeps the whole thread; --from 0 keeps none of it', async () => {
    const { service, model, thread } = await threadWithTwoSteps();
    let from = model.requests.length;
    await run(service, '/fork --from now "And at $15?"', thread);
    expect(model.promptsSince(from)).toContain('Zebrafish');
    from = model.requests.length;
    await run(service, '/fork --from 0 "Would you buy the Basil meal kit at $9?"', thread);
    const prompts = model.promptsSince(from);
    expect(prompts).not.toContain('Saffron');
    expect(prompts).toContain('Basil');
  });

  it('two forks of one thread do not see each other, and follow-ups in a fork stay in it', async () => {
    const { service, store, sink, model, thread, parent } = await threadWithTwoSteps();
    await run(service, '/fork "At $12?"', thread);
    const left = lastOpenedThread(sink);
    await run(service, '/fork "At $6?"', thread);
    const right = lastOpenedThread(sink);
    const parentBefore = await worldRows(store, parent.id);
    await run(service, 'Would the Kiwi add-on matter?', { ...CONVERSATION, threadKey: left });
    expect(await worldRows(store, parent.id)).toBe(parentBefore);
    const from = model.requests.length;
    await run(service, 'What else would you change?', { ...CONVERSATION, threadKey: right });
    const rightPrompts = model.promptsSince(from);
    expect(rightPrompts).toContain('$6');
    expect(rightPrompts).not.toContain('Kiwi');
    expect(rightPrompts).not.toContain('$12');
    const back = model.requests.length;
    await run(service, 'Anything to add?', thread);
    expect(model.promptsSince(back)).not.toContain('Kiwi');
  });

  it('refuses a step the thread does not have, with an example', async () => {
    const { service, sink, thread } = await threadWithTwoSteps();
    await run(service, '/fork --from 7 "At $12?"', thread);
    expect(sink.texts().join('\n')).toContain(
      'There is no step 7: this thread has 2 steps; --from takes 0 to 2 (or now).',
    );
    expect(sink.texts().join('\n')).toContain('/fork --from 1');
  });
});

describe('/diff', () => {
  it('in a fork: the same poll in parent and fork tested (unpaired and paired), people side by side, themes, chart and export', async () => {
    const { service, sink, thread } = await threadWithTwoSteps();
    await run(service, '/poll yesno "Would you buy the Saffron meal kit?"', thread);
    await run(service, '/fork "Would you buy the Saffron meal kit at $12 a month?"', thread);
    const fork: Conversation = { ...CONVERSATION, threadKey: lastOpenedThread(sink) };
    await run(service, '/poll yesno "Would you buy the Saffron meal kit?"', fork);
    await run(service, '/summarize', fork);
    await run(service, '/diff', fork);
    const report = sink
      .texts((post) => post.conversation.threadKey === fork.threadKey)
      .find((text) => text.startsWith('Diff:'))!;
    expect(report).toContain('Diff: parent vs fork (“Would you buy the Saffron meal kit at $12 a month?”)');
    expect(report).toMatch(/Poll “Would you buy the Saffron meal kit\?” \(yes-no\): parent n=3/);
    expect(report).toMatch(/(Fisher’s exact|chi-square): p [=<]/);
    expect(report).toContain('Paired (McNemar exact, 3 personas in both)');
    expect(report).toMatch(
      /Who changed their mind \(answers to “Would you buy the Saffron meal kit\?”\): \d of 3 in both threads/,
    );
    expect(report).toMatch(/Themes shared: /);
    expect(report).toMatch(/Only in parent: /);
    const inFork = sink.posts.filter((post) => post.conversation.threadKey === fork.threadKey);
    expect(inFork.some((post) => post.reply.kind === 'image' && post.reply.title.startsWith('Diff:'))).toBe(true);
    const file = inFork.find((post) => post.reply.kind === 'file');
    expect(file?.reply.kind === 'file' && file.reply.filename).toBe('troupe-diff.md');
    const markdown = file?.reply.kind === 'file' ? new TextDecoder().decode(file.reply.bytes) : '';
    expect(markdown).toContain('| Persona | parent |');
  });

  it('without a shared poll compares stances rated from what each persona said; outside a fork it explains', async () => {
    const { service, sink, store, thread } = await threadWithTwoSteps();
    await run(service, '/panel ask "Another question?"');
    const other = (await store.getValue('T1', 'thread:last:C1')) as string;
    await run(service, '/diff', { ...CONVERSATION, threadKey: other });
    expect(sink.texts().join('\n')).toContain('This thread is not a fork and has no fork');
    await run(service, '/fork "At $12?"', thread);
    await run(service, '/diff', thread);
    const report = sink.texts().find((text) => text.startsWith('Diff:'))!;
    expect(report).toContain('No poll of the same kind and options in both threads');
    expect(report).toContain('Who changed their mind (stance 1–5, rated from what each persona said last)');
  });
});

describe('/experiment', () => {
  it('between personas: a seeded split into two arm forks (each seating only its members), the poll in each, then the diff', async () => {
    const model = new RecordingModel(new OfflineModel({ responders: allOfflineResponders() }));
    const { service, store, sink } = makeService({ model });
    await run(service, '/panel create 4 US parents --name parents');
    await run(service, '/panel ask "Would you try the Saffron meal kit?"');
    const threadKey = (await store.getValue('T1', 'thread:last:C1')) as string;
    const thread: Conversation = { ...CONVERSATION, threadKey };
    const parent = (await store.getWorld('T1', 'C1'))!;
    const before = await worldRows(store, parent.id);
    await run(
      service,
      `/experiment "It costs $9 a month" "It costs $12 a month" --poll 'yesno "Would you subscribe?"' --seed 7`,
      thread,
    );
    expect(await worldRows(store, parent.id)).toBe(before);
    const forks = await store.listForks('T1', parent.id);
    expect(forks.map((fork) => fork.label)).toEqual(['A', 'B']);
    const [a, b] = forks;
    expect(a.personaIds).toHaveLength(2);
    expect(b.personaIds).toHaveLength(2);
    expect(new Set([...a.personaIds!, ...b.personaIds!]).size).toBe(4);
    // Each arm's thread has answers only from its members, and a poll of its members only.
    const personas = await store.listPersonas('T1', parent.panelId);
    const nameOf = new Map(personas.map((persona) => [persona.id, persona.name]));
    for (const fork of forks) {
      const speakers = new Set(
        sink.posts
          .filter((post) => post.conversation.threadKey === fork.threadKey && post.reply.speaker?.kind === 'persona')
          .map((post) => (post.reply.speaker?.kind === 'persona' ? post.reply.speaker.name : '')),
      );
      expect([...speakers].sort()).toEqual(fork.personaIds!.map((id) => nameOf.get(id)).sort());
    }
    const report = sink
      .texts((post) => post.conversation.threadKey === threadKey)
      .find((text) => text.startsWith('Diff:'))!;
    expect(report).toContain('Diff: arm A (“It costs $9 a month”) vs arm B (“It costs $12 a month”)');
    expect(report).toMatch(/Poll “Would you subscribe\?” \(yes-no\): arm A .* n=2/);
    expect(report).toContain('Design: between personas, split at random (seed 7)');
    expect(report).toContain('Results table (T = arm B, C = arm A; yes = 1, no = 0):');
    // The same seed gives the same split; another seed another one.
    expect(
      assignArms(personas, { within: false, seed: 7 })
        .A.map((p) => p.id)
        .sort(),
    ).toEqual([...a.personaIds!].sort());
    const splits = new Set(
      [1, 2, 3, 4, 5, 6].map((seed) =>
        JSON.stringify(
          assignArms(personas, { within: false, seed })
            .A.map((p) => p.id)
            .sort(),
        ),
      ),
    );
    expect(splits.size).toBeGreaterThan(1);
    expect(report).toContain('The personas were never told which arm they were in.');
  });

  it('--within: everyone in both arms, and the paired test', async () => {
    const { service, store, sink } = makeService();
    await run(service, '/panel create 3 US parents --name parents');
    await run(
      service,
      `/experiment "Free delivery" "Same-day delivery" --within --poll 'likert "How appealing is it?"'`,
    );
    const forks = await store.listForks('T1', (await store.getWorld('T1', 'C1'))!.id);
    expect(forks.every((fork) => fork.personaIds?.length === 3)).toBe(true);
    const report = sink.texts().find((text) => text.startsWith('Diff:'))!;
    expect(report).toContain('Design: within personas — all 3 personas took both arms');
    expect(report).toContain('Paired (Wilcoxon signed-rank, 3 personas in both)');
    expect(report).toMatch(/Mann-Whitney U: p [=<]/);
  });
});
