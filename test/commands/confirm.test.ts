import { describe, expect, it } from 'vitest';
import { OFFLINE_MODEL_NAME } from '../../engine/llm/offline/offline-model.js';
import { CONVERSATION, makeService, run } from './harness.js';

const PRICES = { [OFFLINE_MODEL_NAME]: { input: 5, output: 20 } };

describe('/confirm', () => {
  it('keeps the confirmation when the job cannot start yet (job limit), so the same /confirm works once a slot is free', async () => {
    const { service, store } = makeService({ limits: { confirmAboveUsd: 0, maxConcurrentJobs: 1 }, prices: PRICES });
    const asked = await run(service, '/panel create 2 US parents --name parents');
    expect(asked.confirmId).toBeDefined();
    await service.runner.start(
      'panel.create',
      { count: 1, description: 'nurses in Lagos', panelName: 'lagos' },
      CONVERSATION,
    );
    const refused = await service.handle(CONVERSATION, `/confirm ${asked.confirmId}`);
    expect(refused.ok).toBe(false);
    expect((refused.error as { code: string }).code).toBe('limits.jobs');
    await service.whenIdle();
    const accepted = await run(service, `/confirm ${asked.confirmId}`);
    expect(accepted.ok).toBe(true);
    expect(await store.getPanel('T1', 'parents')).toBeDefined();
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
