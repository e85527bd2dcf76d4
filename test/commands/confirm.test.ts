import { describe, expect, it } from 'vitest';
import { OFFLINE_MODEL_NAME } from '../../engine/llm/offline/offline-model.js';
import { CONVERSATION, makeService, run } from './harness.js';

const PRICES = { [OFFLINE_MODEL_NAME]: { input: 5, output: 20 } };

describe('/confirm', () => {
  it('a confirmed job over the job limit waits in the queue, then runs', async () => {
    const { service, store, sink } = makeService({
      limits: { confirmAboveUsd: 0, maxConcurrentJobs: 1 },
      prices: PRICES,
    });
    const asked = await run(service, '/panel create 2 US parents --name parents');
    expect(asked.confirmId).toBeDefined();
    await service.runner.start(
      'panel.create',
      { count: 1, description: 'nurses in Lagos', panelName: 'lagos' },
      { ...CONVERSATION, channelKey: 'C2' },
    );
    const queued = await service.handle(CONVERSATION, `/confirm ${asked.confirmId}`);
    expect(queued.ok).toBe(true);
    expect(sink.texts().some((text) => text.includes('queued: 1 job ahead'))).toBe(true);
    await service.whenIdle();
    expect(await store.getPanel('T1', 'parents')).toBeDefined();
    expect(await store.getPanel('T1', 'lagos')).toBeDefined();
  });

  it('a confirmation clicked twice at once starts one job', async () => {
    const { service, store } = makeService({ limits: { confirmAboveUsd: 0 }, prices: PRICES });
    const asked = await run(service, '/panel create 2 US parents --name parents');
    const outcomes = await Promise.all([
      service.handle(CONVERSATION, `/confirm ${asked.confirmId}`),
      service.handle(CONVERSATION, `/confirm ${asked.confirmId}`),
    ]);
    await service.whenIdle();
    expect(outcomes.filter((outcome) => outcome.jobId)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok)).toHaveLength(1);
    expect(await store.listJobs('T1')).toHaveLength(1);
  });
});
