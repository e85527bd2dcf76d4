import { describe, expect, it } from 'vitest';
import { CommandService } from '../../commands/service.js';
import { OFFLINE_MODEL_NAME } from '../../engine/llm/offline/offline-model.js';
import type { Conversation, Reply } from '../../commands/reply.js';
import { CONVERSATION, RecordingSink, makeService, run } from './harness.js';

const personaPosts = (sink: RecordingSink) => sink.posts.filter((entry) => entry.reply.speaker?.kind === 'persona');
const keysOf = (sink: RecordingSink) =>
  sink.posts
    .map((entry) => entry.reply.idempotencyKey)
    .filter((key): key is string => Boolean(key) && !key!.endsWith(':progress'));

describe('jobs', () => {
  it('acknowledges a panel creation on one progress message, then posts the roster', async () => {
    const { sink, service, store } = makeService();
    await run(service, '/panel create 4 nurses in Lagos --name lagos');
    const progress = sink.posts.filter((entry) => entry.reply.kind === 'progress');
    expect(progress.length).toBeGreaterThan(2);
    expect(
      new Set(progress.map((entry) => (entry.reply as Extract<Reply, { kind: 'progress' }>).progressKey)).size,
    ).toBe(1);
    expect(sink.posts[0].reply.kind).toBe('progress');
    expect(progress.some((entry) => /personas ready — 4\/4/.test((entry.reply as { text: string }).text))).toBe(true);
    const panel = await store.getPanel('T1', 'lagos');
    expect(await store.listPersonas('T1', panel!.id)).toHaveLength(4);
    expect((await store.listJobs('T1'))[0].status).toBe('succeeded');
  });

  it('aligns a new panel to --align targets and shows its weighted profile', async () => {
    const { sink, service, store } = makeService();
    await run(service, `/panel create 6 UK voters --name uk --align '{"gender":{"female":0.5,"male":0.5}}'`);
    const panel = await store.getPanel('T1', 'uk');
    const personas = await store.listPersonas('T1', panel!.id);
    expect(Object.keys(panel!.weights ?? {}).sort()).toEqual(personas.map((persona) => persona.id).sort());
    const female = personas
      .filter((persona) => /^f/i.test(String(persona.spec.gender)))
      .reduce((sum, persona) => sum + panel!.weights![persona.id], 0);
    const total = Object.values(panel!.weights!).reduce((sum, weight) => sum + weight, 0);
    expect(female / total).toBeCloseTo(0.5, 2);
    expect(sink.texts().some((text) => /^Aligned "uk" to the targets: effective sample size/.test(text))).toBe(true);
    expect(sink.texts().some((text) => /gender: .*weighted 50%/.test(text))).toBe(true);
  });

  it('asks the seated panel in a new thread; every answer is a labelled persona post', async () => {
    const { sink, service, model } = makeService();
    await run(service, '/panel create 3 US parents --name parents');
    await run(service, '/panel ask "Would you pay for grocery delivery?"');
    const answers = personaPosts(sink);
    expect(answers).toHaveLength(3);
    const threadKey = answers[0].conversation.threadKey;
    expect(threadKey).toBeDefined();
    expect(answers.every((entry) => entry.conversation.threadKey === threadKey)).toBe(true);
    for (const entry of answers) {
      expect(
        entry.reply.kind === 'text' &&
          entry.reply.blocks?.some(
            (block) => block.kind === 'context' && block.text === `Synthetic persona · ${model.name}`,
          ),
      ).toBe(true);
    }
  });

  it('/panel create in a channel that already has a seated panel seats the new one: the next ask gets its personas', async () => {
    const { sink, service, store } = makeService();
    await run(service, '/panel create 3 US parents --name parents');
    await run(service, '/panel create 2 nurses in Lagos --name nurses');
    const nurses = await store.getPanel('T1', 'nurses');
    expect((await store.getWorld('T1', CONVERSATION.channelKey))?.panelId).toBe(nurses!.id);
    expect(sink.texts()).toContain(
      'Panel "nurses" is seated in this channel. Ask it something: /panel ask "What would make you switch?"',
    );
    const before = personaPosts(sink).length;
    await run(service, '/panel ask "What slows your shift down?"');
    const answers = personaPosts(sink).slice(before);
    const names = (await store.listPersonas('T1', nurses!.id)).map((persona) => persona.name).sort();
    expect(answers.map((entry) => (entry.reply.speaker as { name: string }).name).sort()).toEqual(names);
  });

  it('sends a follow-up naming one persona to that persona only, and personas remember earlier threads', async () => {
    const { sink, service, store } = makeService();
    await run(service, '/panel create 3 US parents --name parents');
    await run(service, '/panel ask "Would you pay for grocery delivery?"');
    const first = personaPosts(sink);
    const thread: Conversation = { ...CONVERSATION, threadKey: first[0].conversation.threadKey };
    const target = first[1].reply.speaker as { name: string };
    const before = personaPosts(sink).length;
    await run(service, `@${target.name.split(' ')[0]} what about the delivery fee?`, thread);
    const replies = personaPosts(sink).slice(before);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((entry) => (entry.reply.speaker as { name: string }).name === target.name)).toBe(true);
    await run(service, '/panel ask "And what about meal kits?"');
    const personas = await store.listPersonas('T1', (await store.getPanel('T1', 'parents'))!.id);
    const world = (await store.getWorld('T1', 'C1'))!;
    const memories = await store.loadMemories('T1', world.id, { prefix: 10, recent: 390, semantic: 500 });
    const targetId = personas.find((persona) => persona.name === target.name)!.id;
    const memory = JSON.stringify(memories.find((entry) => entry.personaId === targetId));
    expect(memory).toContain('grocery delivery');
    expect(memory).toContain('delivery fee');
    expect(memory).toContain('meal kits');
  });

  it('asks for confirmation above the threshold and runs on /confirm', async () => {
    const { sink, service, store } = makeService({
      limits: { confirmAboveUsd: 0 },
      prices: { [OFFLINE_MODEL_NAME]: { input: 5, output: 20 } },
    });
    const outcome = await run(service, '/panel create 3 US parents --name parents');
    expect(outcome.confirmId).toMatch(/^[0-9a-f]+$/);
    expect(sink.last()).toMatchObject({ kind: 'confirm', confirmId: outcome.confirmId });
    expect((sink.last() as { text: string }).text).toMatch(
      /\(assumes answers on .+, \d+ % of input from the provider's prompt cache\)/,
    );
    expect(await store.listJobs('T1')).toHaveLength(0);
    await run(service, `/confirm ${outcome.confirmId}`);
    expect(await store.getPanel('T1', 'parents')).toBeDefined();
    const again = await run(service, `/confirm ${outcome.confirmId}`);
    expect(again.ok).toBe(false);
  });

  it('runs at once when the offline model makes the estimate free, even with a zero threshold', async () => {
    const { service } = makeService({ limits: { confirmAboveUsd: 0 } });
    const outcome = await run(service, '/panel create 2 US parents');
    expect(outcome.jobId).toBeDefined();
  });

  it('refuses work once the token budget is spent, and /usage shows the spend', async () => {
    const { sink, service, store } = makeService({ limits: { tokenBudget: 1000 } });
    await store.recordUsage({
      tenantId: 'T1',
      task: 'agent.act',
      model: 'x',
      inputTokens: 900,
      outputTokens: 200,
      costUsd: 0.01,
      cached: false,
    });
    const outcome = await run(service, '/panel create 2 US parents');
    expect(outcome.ok).toBe(false);
    expect((outcome.error as { code: string }).code).toBe('budget.spent');
    await run(service, '/usage');
    expect(sink.texts().pop()).toMatch(/1 LLM calls .*1,100 tokens/);
  });

  it('queues a job beyond the concurrency limit, and /cancel stops the running one', async () => {
    const { service, store } = makeService({ limits: { maxConcurrentJobs: 1 } });
    const first = await service.handle(CONVERSATION, '/panel create 30 US parents --name big');
    const second = await service.handle(
      { ...CONVERSATION, channelKey: 'C2' },
      '/panel create 2 US parents --name small',
    );
    expect(second.ok).toBe(true);
    await service.handle(CONVERSATION, '/cancel');
    await service.whenIdle();
    expect((await store.getJob('T1', first.jobId!))?.status).toBe('cancelled');
    expect(await store.getPanel('T1', 'big')).toBeUndefined();
    expect((await store.getJob('T1', second.jobId!))?.status).toBe('succeeded');
  });
});

describe('restart recovery', () => {
  it('resumes an interrupted ask without posting any answer twice', async () => {
    const { store, model, service } = makeService();
    await run(service, '/panel create 4 US parents --name parents');
    // A sink that dies after two persona answers, like a process killed mid-job.
    const dying = new RecordingSink();
    let answers = 0;
    const crashed = new CommandService({
      store,
      model,
      limits: { maxPanelSize: 50, maxConcurrentJobs: 3 },
      sink: {
        post: (conversation, reply) => {
          if (reply.speaker?.kind === 'persona' && ++answers > 2) return new Promise(() => undefined);
          return dying.post(conversation, reply);
        },
      },
    });
    await crashed.handle(CONVERSATION, '/panel ask "Would you switch banks for a better app?"');
    for (let waited = 0; answers < 3 && waited < 20_000; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(personaPosts(dying)).toHaveLength(2);
    const job = (await store.listJobsByStatus(['running']))[0];
    expect(job.kind).toBe('panel.ask');

    const fresh = new RecordingSink();
    const restarted = new CommandService({
      store,
      model,
      sink: fresh,
      limits: { maxPanelSize: 50, maxConcurrentJobs: 3 },
    });
    const report = await restarted.recoverJobs();
    expect(report.resumed).toEqual([job.id]);
    await restarted.whenIdle();
    expect((await store.getJob('T1', job.id))?.status).toBe('succeeded');
    expect(fresh.texts()[0]).toMatch(/Resuming job/);
    const all = [...keysOf(dying), ...keysOf(fresh)];
    expect(new Set(all).size).toBe(all.length);
    // The third answer was reserved when the process died (at most once), the fourth is posted now.
    expect(personaPosts(fresh).length).toBe(1);
    const events = await store.listEvents('T1', (await store.getWorld('T1', 'C1'))!.id);
    expect(events.filter((event) => event.agent === 'facilitator')).toHaveLength(1);
  });

  it('reports a job it cannot resume as interrupted in its conversation', async () => {
    const { store, sink, service } = makeService();
    const job = await store.createJob({
      tenantId: 'T1',
      kind: 'legacy.kind',
      status: 'running',
      input: { commandText: '/old thing' },
      conversation: { ...CONVERSATION },
    });
    const report = await service.recoverJobs();
    expect(report.interrupted).toEqual([job.id]);
    expect((await store.getJob('T1', job.id))?.status).toBe('interrupted');
    expect(sink.texts()[0]).toContain('/old thing');
    await service.recoverJobs();
    expect(sink.posts).toHaveLength(1);
  });
});
