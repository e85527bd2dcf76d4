import { describe, expect, it } from 'vitest';
import { OfflineModel } from '../../../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../../../engine/llm/offline/all-responders.js';
import { CONVERSATION, makeService, run } from '../harness.js';
import { JobConcurrencyProbe } from './probe-model.js';
import { tempStore } from '../../adapters/slack/harness.js';
import { MemoryStore } from '../../../engine/store/memory-store.js';

const offline = () => new OfflineModel({ responders: allOfflineResponders() });

describe('job limits, queueing and control (defects 5, 7, 11)', () => {
  it('three concurrent starts with a limit of 1 run one at a time, the others queued with their position', async () => {
    const model = new JobConcurrencyProbe(offline());
    const { service, store, sink } = makeService({ model, limits: { maxConcurrentJobs: 1 } });
    const outcomes = await Promise.all(
      ['a', 'b', 'c'].map((name, index) =>
        service.handle({ ...CONVERSATION, channelKey: `C${index}` }, `/panel create 2 US parents --name ${name}`),
      ),
    );
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    await service.whenIdle();
    expect(model.maxJobsAtOnce).toBe(1);
    expect((await store.listPanels('T1')).map((panel) => panel.name)).toEqual(['a', 'b', 'c']);
    const acks = sink.texts().filter((text) => text.includes('queued:'));
    expect(acks.map((text) => text.match(/queued: (\d+) jobs? ahead/)?.[1])).toEqual(['1', '2']);
  });

  it('recovery resumes every tenant’s pending jobs within the tenant’s limit', async () => {
    const model = new JobConcurrencyProbe(offline());
    const { service, store } = makeService({ model, limits: { maxConcurrentJobs: 1 } });
    for (const name of ['a', 'b', 'c'])
      await store.createJob({
        tenantId: 'T1',
        kind: 'panel.create',
        status: 'running',
        input: { count: 2, description: 'US parents', panelName: name },
        conversation: { ...CONVERSATION, channelKey: `C-${name}` },
      });
    const report = await service.recoverJobs();
    expect(report.resumed).toHaveLength(3);
    await service.whenIdle();
    expect(model.maxJobsAtOnce).toBe(1);
    expect((await store.listJobs('T1', 10)).map((job) => job.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  it('/cancel stops the running job of the channel, not the one queued behind it', async () => {
    const { service, store } = makeService();
    await run(service, '/panel create 3 US parents --name parents');
    const brainstorm = await service.handle(CONVERSATION, '/brainstorm "grocery apps" --rounds 4');
    const ask = await service.handle(CONVERSATION, '/panel ask "Would you pay for delivery?"');
    await service.handle(CONVERSATION, '/cancel');
    await service.whenIdle();
    expect((await store.getJob('T1', brainstorm.jobId!))?.status).toBe('cancelled');
    expect((await store.getJob('T1', ask.jobId!))?.status).toBe('succeeded');
  });

  it('the same /panel ask sent twice within a second runs once; a different one runs', async () => {
    const { service, store } = makeService();
    await run(service, '/panel create 2 US parents --name parents');
    const [first, second] = await Promise.all([
      service.handle(CONVERSATION, '/panel ask "Would you pay for delivery?"'),
      service.handle(CONVERSATION, '/panel ask "Would you pay for delivery?"'),
    ]);
    const other = await service.handle({ ...CONVERSATION, userId: 'U2' }, '/panel ask "Would you pay for delivery?"');
    await service.whenIdle();
    expect(second.jobId).toBe(first.jobId);
    expect(other.jobId).not.toBe(first.jobId);
    expect((await store.listJobs('T1', 10)).filter((job) => job.kind === 'panel.ask')).toHaveLength(2);
  });

  it('an ask typed while the panel is still being created waits behind the creation and is answered', async () => {
    const { service, store, sink } = makeService();
    const create = await service.handle(CONVERSATION, '/panel create 3 US parents --name parents');
    const ask = await service.handle(CONVERSATION, '/panel ask "Would you pay for delivery?"');
    expect(ask.ok).toBe(true);
    await service.whenIdle();
    expect((await store.getJob('T1', create.jobId!))?.status).toBe('succeeded');
    expect((await store.getJob('T1', ask.jobId!))?.status).toBe('succeeded');
    expect(sink.texts().some((text) => text.includes('queued behind the panel being created'))).toBe(true);
    expect(sink.posts.filter((entry) => entry.reply.speaker?.kind === 'persona')).toHaveLength(3);
  });
});

describe('double submits across a restart (defect 11, kept in the store)', () => {
  it('the same /panel ask sent again right after a restart is the job already started, not a second one', async () => {
    const { store, cleanup } = await tempStore();
    try {
      const first = makeService({ store });
      await run(first.service, '/panel create 2 US parents --name parents');
      const before = await first.service.handle(CONVERSATION, '/panel ask "Would you pay for delivery?"');
      await first.service.whenIdle();
      // A new process on the same database (a restart, or a second worker).
      const second = makeService({ store });
      const again = await second.service.handle(CONVERSATION, '/panel ask "Would you pay for delivery?"');
      await second.service.whenIdle();
      expect(again.jobId).toBe(before.jobId);
      expect((await store.listJobs('T1', 10)).filter((job) => job.kind === 'panel.ask')).toHaveLength(1);
      const answers = second.sink.posts.filter((entry) => entry.reply.speaker?.kind === 'persona');
      expect(answers).toHaveLength(0);
    } finally {
      await cleanup();
    }
  });
});

describe('a command typed again after its job was cancelled (double-submit window)', () => {
  it('is a new submission, run, not the cancelled job returned as a duplicate', async () => {
    const { service, store } = makeService();
    const create = '/panel create 2 US parents --name parents';
    const first = await service.handle(CONVERSATION, create);
    await service.handle(CONVERSATION, '/cancel');
    await service.whenIdle();
    expect((await store.getJob('T1', first.jobId!))?.status).toBe('cancelled');
    // Within DOUBLE_SUBMIT_MS of the first: the person retyped it on purpose.
    const again = await service.handle(CONVERSATION, create);
    await service.whenIdle();
    expect(again.jobId).not.toBe(first.jobId);
    expect((await store.getJob('T1', again.jobId!))?.status).toBe('succeeded');
    expect((await store.listPanels('T1')).map((panel) => panel.name)).toEqual(['parents']);
  });
});

describe('an ask arriving while /panel create is being recorded (defect 7, the window before the lane)', () => {
  it('waits behind the creation and is answered, instead of "No panel is seated"', async () => {
    const store = new MemoryStore();
    let askedMeanwhile: Promise<unknown> | undefined;
    const createJob = store.createJob.bind(store);
    const { service, sink } = makeService({ store });
    // The ask comes in after the creation was admitted, while its job row is being written.
    store.createJob = async (job) => {
      if (job.kind === 'panel.create' && !askedMeanwhile) {
        askedMeanwhile = service.handle(CONVERSATION, '/panel ask "Would you pay for delivery?"');
        await askedMeanwhile;
      }
      return createJob(job);
    };
    const create = await service.handle(CONVERSATION, '/panel create 3 US parents --name parents');
    const ask = (await askedMeanwhile) as { ok: boolean; jobId?: string };
    await service.whenIdle();
    expect(ask.ok).toBe(true);
    expect((await store.getJob('T1', create.jobId!))?.status).toBe('succeeded');
    expect((await store.getJob('T1', ask.jobId!))?.status).toBe('succeeded');
    expect(sink.texts().some((text) => text.includes('No panel is seated'))).toBe(false);
    expect(sink.texts().some((text) => text.includes('queued behind the panel being created'))).toBe(true);
    expect(sink.posts.filter((entry) => entry.reply.speaker?.kind === 'persona')).toHaveLength(3);
  });
});
