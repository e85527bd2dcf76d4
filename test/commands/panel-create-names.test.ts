import { describe, expect, it } from 'vitest';
import { CONVERSATION, makeService } from './harness.js';

describe('/panel create run twice before the first finishes', () => {
  it('gives the second panel its own derived name, and both jobs succeed', async () => {
    const { service, store } = makeService();
    const first = await service.handle(CONVERSATION, '/panel create 2 US parents of toddlers');
    // Another person (the same person typing it twice at once is a double submit, run once).
    const second = await service.handle({ ...CONVERSATION, userId: 'U2' }, '/panel create 2 US parents of toddlers');
    await service.whenIdle();
    expect(first.jobId && second.jobId).toBeTruthy();
    const jobs = await store.listJobs('T1');
    expect(jobs.map((job) => job.status)).toEqual(['succeeded', 'succeeded']);
    const names = (await store.listPanels('T1')).map((panel) => panel.name).sort();
    expect(names).toEqual(['us-parents-of', 'us-parents-of-2']);
  });

  it('refuses an explicit --name that a running creation already claimed', async () => {
    const { service, store } = makeService();
    await service.handle(CONVERSATION, '/panel create 2 nurses in Lagos --name lagos');
    const second = await service.handle(CONVERSATION, '/panel create 2 teachers in Lagos --name lagos');
    await service.whenIdle();
    expect(second.ok).toBe(false);
    expect((second.error as { code: string }).code).toBe('panel.exists');
    expect((await store.listJobs('T1')).map((job) => job.status)).toEqual(['succeeded']);
  });
});
