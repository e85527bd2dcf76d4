import { describe, expect, it } from 'vitest';
import { OfflineModel } from '../../../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../../../engine/llm/offline/all-responders.js';
import { CONVERSATION, makeService, run } from '../harness.js';
import { FailingTurnsModel } from './failing-model.js';

describe('a persona that fails after retries (defect 3)', () => {
  it('is reported by name, the others are committed, and /panel retry asks only it', async () => {
    const model = new FailingTurnsModel(new OfflineModel({ responders: allOfflineResponders() }));
    const { service, store, sink } = makeService({ model });
    await run(service, '/panel create 3 US parents --name parents');
    const personas = await store.listPersonas('T1', (await store.getPanel('T1', 'parents'))!.id);
    const maya = personas[1].name;
    model.failing.set(maya, 'timeout');
    await run(service, '/panel ask "Would you pay for grocery delivery?"');

    const job = (await store.listJobs('T1', 10)).find((entry) => entry.kind === 'panel.ask')!;
    expect(job.status).toBe('partial');
    const answered = sink.posts.filter((entry) => entry.reply.speaker?.kind === 'persona');

    expect(answered.map((entry) => (entry.reply.speaker as { name: string }).name)).toEqual([
      personas[0].name,
      personas[2].name,
    ]);
    expect(sink.texts().join('\n')).toContain(`${maya} could not answer: the model timed out.`);
    const world = (await store.getWorld('T1', 'C1'))!;
    const talks = (await store.listEvents('T1', world.id)).filter(
      (event) => event.type === 'TALK' && event.agent !== 'facilitator',
    );

    expect(talks.map((event) => event.content).sort()).toEqual(
      answered.map((entry) => (entry.reply as { text: string }).text).sort(),
    );

    model.failing.clear();
    const before = sink.posts.length;
    await run(service, `/panel retry ${job.id}`);
    const retried = sink.posts.slice(before).filter((entry) => entry.reply.speaker?.kind === 'persona');
    expect(retried.map((entry) => (entry.reply.speaker as { name: string }).name)).toEqual([maya]);
    expect(retried[0].conversation.threadKey).toBe(answered[0].conversation.threadKey);
    expect((await store.listJobs('T1', 1))[0].status).toBe('succeeded');
  });

  it('a job in which every persona failed is marked failed and says why', async () => {
    const model = new FailingTurnsModel(new OfflineModel({ responders: allOfflineResponders() }));
    const { service, store, sink } = makeService({ model });
    await run(service, '/panel create 2 US parents --name parents');
    model.failingTasks.set('agent.act', 'rate_limited');
    await run(service, '/panel ask "Would you pay for grocery delivery?"', CONVERSATION);
    expect((await store.listJobs('T1', 1))[0].status).toBe('failed');
    expect(sink.texts().join('\n')).toMatch(/could not answer: the model was rate limited\./);
    expect(sink.texts().join('\n')).not.toContain('Nobody had anything to say');
  });

  it('a brainstorm in which nobody could speak is marked failed and says why', async () => {
    const model = new FailingTurnsModel(new OfflineModel({ responders: allOfflineResponders() }));
    const { service, store, sink } = makeService({ model });
    await run(service, '/panel create 2 US parents --name parents');
    model.failingTasks.set('agent.act', 'timeout');
    await run(service, '/brainstorm "grocery apps" --rounds 2');
    const job = (await store.listJobs('T1', 1))[0];
    expect(job.kind).toBe('brainstorm');
    expect(job.status).toBe('failed');
    expect(sink.texts().join('\n')).toMatch(/could not answer: the model timed out\..*Nothing was said/);
  });

  it('a brainstorm whose persona failed offers a retry (command and button) that asks only that persona, in its thread', async () => {
    const model = new FailingTurnsModel(new OfflineModel({ responders: allOfflineResponders() }));
    const { service, store, sink } = makeService({ model });
    await run(service, '/panel create 3 US parents --name parents');
    const personas = await store.listPersonas('T1', (await store.getPanel('T1', 'parents'))!.id);
    const maya = personas[1].name;
    model.failing.set(maya, 'timeout');
    await run(service, '/brainstorm "grocery apps" --rounds 2');
    const job = (await store.listJobs('T1', 10)).find((entry) => entry.kind === 'brainstorm')!;
    expect(job.status).toBe('partial');
    const spoken = sink.posts.filter((entry) => entry.reply.speaker?.kind === 'persona');
    expect(spoken.some((entry) => (entry.reply.speaker as { name: string }).name === maya)).toBe(false);
    const failure = sink.posts.find((entry) => entry.reply.idempotencyKey === `job:${job.id}:failures`)!;
    expect((failure.reply as { text: string }).text).toContain(`/panel retry ${job.id}`);
    expect(JSON.stringify((failure.reply as { blocks?: unknown }).blocks)).toContain(
      `"value":"/panel retry ${job.id}"`,
    );

    model.failing.clear();
    const before = sink.posts.length;
    await run(service, `/panel retry ${job.id}`);
    const retried = sink.posts.slice(before).filter((entry) => entry.reply.speaker?.kind === 'persona');
    expect(retried.map((entry) => (entry.reply.speaker as { name: string }).name)).toEqual([maya]);
    expect(retried[0].conversation.threadKey).toBe(spoken[0].conversation.threadKey);
    expect((await store.listJobs('T1', 1))[0].status).toBe('succeeded');
  });
});
