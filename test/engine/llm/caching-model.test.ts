import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CachingModel, requestCacheKey } from '../../../engine/llm/caching-model.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../../fakes/openai-server.js';
import { MemoryCacheStore, modelFor } from './helpers.js';

const schema = z.object({ answer: z.string() });
const request = {
  task: 'poll.answer',
  messages: [{ role: 'user' as const, content: 'Would you pay $5 for it?' }],
  schema,
  temperature: 0.7,
};

describe('CachingModel', () => {
  let fake: FakeOpenAIServer;
  let counter = 0;
  beforeAll(async () => {
    fake = await startFakeOpenAIServer({
      latencyMs: 10,
      respond: () => ({ kind: 'json', value: { answer: `answer ${++counter}` } }),
    });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('answers a repeated request from the store without an HTTP call', async () => {
    const store = new MemoryCacheStore();
    const model = new CachingModel(modelFor(fake), store);
    const first = await model.complete(request);
    const second = await model.complete({ ...request, hints: { persona: 'ignored' }, attribution: { jobId: 'j2' } });
    expect(fake.chatRequests).toHaveLength(1);
    expect(second.value).toEqual(first.value);
    expect(first.usage.cached).toBe(false);
    expect(second.usage).toEqual({ inputTokens: 0, outputTokens: 0, latencyMs: 0, cached: true });
    // A fresh instance over the same store (a restart) still hits.
    expect((await new CachingModel(modelFor(fake), store).complete(request)).usage.cached).toBe(true);
    expect(fake.chatRequests).toHaveLength(1);
  });

  it("keys by tenant: one workspace never receives another's answer, the same workspace hits across jobs", async () => {
    const model = new CachingModel(modelFor(fake), new MemoryCacheStore());
    const first = await model.complete({ ...request, attribution: { tenantId: 'slack:T1', jobId: 'j1' } });
    const again = await model.complete({ ...request, attribution: { tenantId: 'slack:T1', jobId: 'j9' } });
    const other = await model.complete({ ...request, attribution: { tenantId: 'slack:T2', jobId: 'j1' } });
    expect(fake.chatRequests).toHaveLength(2);
    expect(again.usage.cached).toBe(true);
    expect(again.value).toEqual(first.value);
    expect(other.usage.cached).toBe(false);
    expect(other.value).not.toEqual(first.value);
  });

  it('misses when anything that shapes the answer changes', async () => {
    const model = new CachingModel(modelFor(fake), new MemoryCacheStore());
    await model.complete(request);
    await model.complete({ ...request, temperature: 0.2 });
    await model.complete({ ...request, maxTokens: 50 });
    await model.complete({ ...request, schema: z.object({ answer: z.string(), why: z.string().optional() }) });
    await model.complete({ ...request, messages: [{ role: 'user', content: 'Would you pay $6 for it?' }] });
    expect(fake.chatRequests).toHaveLength(5);
    expect(requestCacheKey('gpt-4.1-mini', request)).not.toBe(requestCacheKey('gpt-4o-mini', request));
  });

  it('shares one provider call between identical requests in flight', async () => {
    const model = new CachingModel(modelFor(fake), new MemoryCacheStore());
    const results = await Promise.all([model.complete(request), model.complete(request), model.complete(request)]);
    expect(fake.chatRequests).toHaveLength(1);
    expect(new Set(results.map((r) => JSON.stringify(r.value))).size).toBe(1);
    expect(results.filter((r) => r.usage.cached)).toHaveLength(2);
  });

  it('refetches when a stored value no longer passes the schema', async () => {
    const store = new MemoryCacheStore();
    const model = new CachingModel(modelFor(fake), store);
    await model.complete(request);
    const key = [...store.entries.keys()][0];
    store.entries.set(key, JSON.stringify({ value: { answer: 42 }, model: 'gpt-4.1-mini' }));
    const again = await model.complete(request);
    expect(again.usage.cached).toBe(false);
    expect(fake.chatRequests).toHaveLength(2);
  });
});
