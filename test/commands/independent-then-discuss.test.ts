import { describe, expect, it } from 'vitest';
import { OfflineModel } from '../../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../../engine/llm/offline/all-responders.js';
import { CONVERSATION, makeService, run } from './harness.js';
import { RecordingModel } from '../doubles/recording-model.js';

const ALL = { prefix: 1000, recent: 100000, semantic: 100000 };

async function panel() {
  const model = new RecordingModel(new OfflineModel({ responders: allOfflineResponders() }));
  const harness = makeService({ model });
  await run(harness.service, '/panel create 4 US parents --name parents');
  return { ...harness, model };
}

describe('--independent-then-discuss', () => {
  it('/panel ask: private answers (nobody hears another before answering), discussion, final answers, shift report', async () => {
    const { service, store, sink } = await panel();
    await run(
      service,
      '/panel ask "Would you pay $9 a month for the Saffron meal kit?" --independent-then-discuss --rounds 1',
    );
    const texts = sink.texts().join('\n');
    expect(texts).toContain('Independent answers: each persona answers without seeing anyone else’s answer.');
    expect(texts).toContain('Final answers, again without seeing anyone else’s final answer.');
    expect(texts).toContain('Opinion shift after 1 round of discussion');
    expect(texts).toMatch(/Changed their answer: \d of 4 \(\d+%\)/);
    expect(texts).toMatch(/Wilcoxon signed-rank|No paired test|Spread/);
    expect(texts).toContain('Per persona (first → final):');
    expect(sink.posts.some((post) => post.reply.kind === 'image' && post.reply.title.startsWith('Opinion shift'))).toBe(
      true,
    );
    const personaPosts = sink.posts.filter(
      (post) => post.reply.kind === 'text' && post.reply.speaker?.kind === 'persona',
    );
    // 4 private answers, 4 discussion turns at most, 4 final answers.
    expect(personaPosts.length).toBeGreaterThanOrEqual(8);

    // In every persona's memory, its own first answer comes before anything another persona said.
    const world = (await store.getWorld('T1', 'C1'))!;
    const memories = await store.loadMemories('T1', world.id, ALL);
    const names = (await store.listPersonas('T1', (await store.getPanel('T1', 'parents'))!.id)).map((p) => p.name);
    expect(memories).toHaveLength(4);
    for (const memory of memories) {
      const own = memory.episodes.find((row) => row.kind === 'action' && row.type === 'TALK');
      const heard = memory.episodes.find(
        (row) => row.kind === 'stimulus' && row.counterpart !== 'facilitator' && names.includes(row.counterpart ?? ''),
      );
      expect(own).toBeDefined();
      expect(heard).toBeDefined();
      expect(heard!.ordinal).toBeGreaterThan(own!.ordinal);
    }
  });

  it('/poll yesno: the poll before and after, McNemar on the pairs; both polls kept for /export and /poll compare', async () => {
    const { service, sink, store } = await panel();
    await run(service, '/poll yesno "Would you pay $9 a month?" --independent-then-discuss --rounds 1');
    const report = sink.texts().find((text) => text.startsWith('Opinion shift'))!;
    expect(report).toContain('McNemar (exact, paired)');
    expect(report).toMatch(/Before: (no: \d+)?(, )?(yes: \d+)? → after: /);
    const threadKey = (await store.getValue('T1', 'thread:last:C1')) as string;
    const saved = (await store.getValue('T1', `polls:C1:${threadKey}`)) as unknown[];
    expect(saved).toHaveLength(2);
    await run(service, '/poll compare', { ...CONVERSATION, threadKey });
    expect(sink.texts().join('\n')).toContain('Comparing two yes-no polls of this thread');
  });

  it('refuses --rounds without the option, and open polls, with an example', async () => {
    const { service, sink } = await panel();
    await run(service, '/panel ask "Hi?" --rounds 2');
    await run(service, '/poll open "What worries you?" --independent-then-discuss');
    const texts = sink.texts().join('\n');
    expect(texts).toContain('--rounds goes with --independent-then-discuss.');
    expect(texts).toContain('--independent-then-discuss needs answers that can be compared');
  });
});
