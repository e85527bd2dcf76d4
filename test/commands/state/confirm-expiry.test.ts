import { describe, expect, it } from 'vitest';
import { OFFLINE_MODEL_NAME } from '../../../engine/llm/offline/offline-model.js';
import { makeService, run } from '../harness.js';

describe('a pending /confirm expires (defect 12)', () => {
  it('refuses a confirmation older than an hour with a clear error and removes it', async () => {
    const { service, store } = makeService({
      limits: { confirmAboveUsd: 0 },
      prices: { [OFFLINE_MODEL_NAME]: { input: 5, output: 20 } },
    });
    const asked = await run(service, '/panel create 2 US parents --name parents');
    expect(asked.confirmId).toBeDefined();
    const key = `confirm:${asked.confirmId}`;
    const pending = (await store.getValue('T1', key)) as Record<string, unknown>;
    await store.setValue('T1', key, { ...pending, createdAt: Date.now() - 2 * 3_600_000 });
    const outcome = await run(service, `/confirm ${asked.confirmId}`);
    expect((outcome.error as { code: string }).code).toBe('confirm.expired');
    expect(await store.getValue('T1', key)).toBeUndefined();
    expect(await store.getPanel('T1', 'parents')).toBeUndefined();
  });
});
