import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../../config.js';
import { createLanguageModel } from '../../../engine/llm/create-model.js';
import { OfflineModel } from '../../../engine/llm/offline/index.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../../fakes/openai-server.js';
import { MemoryCacheStore, MemoryUsageStore } from './helpers.js';

const schema = z.object({ mood: z.enum(['happy', 'sad']), note: z.string() });
const request = { task: 'demo.mood', messages: [{ role: 'user' as const, content: 'How do you feel?' }], schema };

describe('createLanguageModel', () => {
  let fake: FakeOpenAIServer;
  beforeAll(async () => {
    fake = await startFakeOpenAIServer({ respond: () => ({ kind: 'json', value: { mood: 'happy', note: 'sunny' } }) });
  });
  afterAll(() => fake.close());

  it('builds the offline model with caching, metering and responders when no key is set', async () => {
    const config = loadConfig({});
    const usage = new MemoryUsageStore();
    const model = createLanguageModel(config, {
      cacheStore: new MemoryCacheStore(),
      usageStore: usage,
      offline: () => new OfflineModel({ responders: { 'demo.mood': () => ({ mood: 'sad', note: 'offline' }) } }),
    });
    expect(model.offline).toBe(true);
    expect((await model.complete(request)).value).toEqual({ mood: 'sad', note: 'offline' });
    expect((await model.complete(request)).usage.cached).toBe(true);
    expect(usage.entries.map((e) => e.cached)).toEqual([false, true]);
  });

  it('refuses the offline provider when no offline model is wired in, saying how to wire it', () => {
    expect(() => createLanguageModel(loadConfig({}))).toThrow(/offline: createOfflineModel/);
  });

  it('builds the OpenAI-compatible stack against a base URL, retrying and caching', async () => {
    const config = loadConfig({ LLM_BASE_URL: fake.url, LLM_MODEL: 'llama3.1', LLM_MAX_CONCURRENCY: '2' });
    const model = createLanguageModel(config, { cacheStore: new MemoryCacheStore(), retry: { sleep: async () => {} } });
    fake.enqueue({ kind: 'error', status: 503 });
    expect(model.name).toBe('llama3.1');
    expect((await model.complete(request)).value).toEqual({ mood: 'happy', note: 'sunny' });
    expect((await model.complete(request)).usage.cached).toBe(true);
    expect(fake.chatRequests.map((r) => r.answer)).toEqual([503, 200]);
    expect(model.tally.total).toMatchObject({ calls: 2, cachedCalls: 1 });
    expect(fake.chatRequests[0].headers.authorization).toBe('Bearer not-needed');
  });

  it('skips the cache when LLM_CACHE=off', async () => {
    const config = loadConfig({ LLM_BASE_URL: fake.url, LLM_CACHE: 'off' });
    const model = createLanguageModel(config, { cacheStore: new MemoryCacheStore() });
    const before = fake.chatRequests.length;
    await model.complete(request);
    await model.complete(request);
    expect(fake.chatRequests.length - before).toBe(2);
  });
});
