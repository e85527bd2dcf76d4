import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usageReply } from '../../../commands/usage.js';
import { TinyPerson } from '../../../engine/agent/tiny-person.js';
import { LimitedModel } from '../../../engine/llm/limited-model.js';
import { MeteredModel } from '../../../engine/llm/metered-model.js';
import { RetryingModel } from '../../../engine/llm/retrying-model.js';
import { MemoryStore } from '../../../engine/store/memory-store.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../../fakes/openai-server.js';
import { modelFor } from './helpers.js';

/** A persona whose consolidated memories are retrieved by embeddings (two /embeddings requests per recall). */
function personaWithMemories(model: MeteredModel, attribution: { tenantId: string; jobId: string }) {
  const fresh = new TinyPerson({ spec: { name: 'Ada' }, model });
  const state = fresh.toState();
  state.semantic = {
    items: [
      { content: 'I told Bo that the bus app should show delays.', ordinal: 0 },
      { content: 'Bo asked me whether I would pay five dollars a month.', ordinal: 1 },
      { content: 'I said night shifts make buses feel unsafe.', ordinal: 2 },
    ],
    total: 3,
  };
  return TinyPerson.fromState(state, { model, attribution });
}

describe('embedding calls are metered and attributed like completions', () => {
  let fake: FakeOpenAIServer;
  beforeAll(async () => {
    fake = await startFakeOpenAIServer();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('every /embeddings request lands in /usage under the tenant and job, with the provider’s tokens and price', async () => {
    const store = new MemoryStore();
    const inner = modelFor(fake, { embeddingModel: 'text-embedding-3-small' });
    const model = new MeteredModel(new RetryingModel(new LimitedModel(inner)), { usageStore: store });
    const ada = personaWithMemories(model, { tenantId: 'T1', jobId: 'J1' });
    const found = await ada.recall('would you pay for the bus app?', 2);
    expect(found.length).toBeGreaterThan(0);

    const requests = fake.requests.filter((request) => request.path.endsWith('/embeddings'));
    expect(requests).toHaveLength(2);
    const usage = await store.summarizeUsage('T1', { jobId: 'J1' });
    expect(usage.byTask['memory.embed']).toMatchObject({ calls: 2, inputTokens: fake.stats.embeddingTokens });
    expect(fake.stats.embeddingTokens).toBeGreaterThan(20);
    expect(usage.byTask['memory.embed'].costUsd).toBeCloseTo((fake.stats.embeddingTokens * 0.02) / 1e6, 12);
    expect((await store.summarizeUsage('unattributed')).calls).toBe(0);
    const shown = await usageReply(store, model, 'T1', 0);
    expect(shown.kind === 'text' && shown.text).toContain(
      `memory.embed: 2 calls, ${fake.stats.embeddingTokens} input (0 cached), 0 output`,
    );
  });
});
