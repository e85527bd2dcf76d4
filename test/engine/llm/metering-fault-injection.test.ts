import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { usageReply } from '../../../commands/usage.js';
import { loadConfig } from '../../../config.js';
import { createLanguageModel } from '../../../engine/llm/create-model.js';
import { MemoryStore } from '../../../engine/store/memory-store.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../../fakes/openai-server.js';
import { VirtualClock } from './virtual-clock.js';

const schema = z.object({ answer: z.enum(['yes', 'no']) });
const ask = (content: string) => ({
  task: 'poll.answer',
  messages: [{ role: 'user' as const, content }],
  schema,
  attribution: { tenantId: 'T1', jobId: 'J1' },
});
const junk = { kind: 'text', text: 'I think maybe', usage: { prompt_tokens: 50, completion_tokens: 7 } } as const;

describe('metering under retries, repairs and fallbacks', () => {
  let fake: FakeOpenAIServer;
  beforeAll(async () => {
    fake = await startFakeOpenAIServer();
  });
  afterAll(() => fake.close());

  it("records exactly the fake provider's own count of input and output tokens in /usage", async () => {
    const store = new MemoryStore();
    const config = loadConfig({ LLM_API_KEY: 'sk-test', LLM_BASE_URL: fake.url, LLM_MODEL: 'gpt-4.1-mini' });
    // Virtual time: after the 429 below (no rate-limit headers) the gate paces per minute; that costs no real time.
    const model = createLanguageModel(config, {
      cacheStore: store,
      usageStore: store,
      clock: new VirtualClock(),
      retry: { sleep: async () => {} },
    });
    fake.enqueue(
      // 1: junk, then the repair succeeds (2 billed requests).
      junk,
      { kind: 'json', value: { answer: 'yes' }, usage: { prompt_tokens: 80, completion_tokens: 5 } },
      // 2: a 500, junk and a failed repair, then a retried attempt that succeeds (3 billed requests).
      { kind: 'error', status: 500 },
      junk,
      junk,
      { kind: 'json', value: { answer: 'no' }, usage: { prompt_tokens: 60, completion_tokens: 5 } },
      // 3: a 429, then an answer whose prompt was mostly cached by the provider.
      { kind: 'error', status: 429, headers: { 'retry-after': '0' } },
      {
        kind: 'json',
        value: { answer: 'yes' },
        usage: { prompt_tokens: 1000, completion_tokens: 5, cached_tokens: 900 },
      },
      // 4: the provider refuses JSON schema; the JSON-mode fallback answers.
      {
        kind: 'error',
        status: 400,
        message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported.",
      },
      { kind: 'json', value: { answer: 'no' }, usage: { prompt_tokens: 70, completion_tokens: 5 } },
    );
    await model.complete(ask('one'));
    await model.complete(ask('two'));
    await model.complete(ask('three'));
    await model.complete(ask('four'));
    // 5: never valid: every attempt and repair is junk; the call fails but was paid for.
    for (let i = 0; i < 10; i++) fake.enqueue(junk);
    await expect(model.complete(ask('five'))).rejects.toMatchObject({ code: 'llm.invalid_output' });
    // 6: a cache hit costs nothing.
    await model.complete(ask('one'));

    expect(fake.stats.ok).toBe(2 + 3 + 1 + 1 + 10);
    const usage = await store.summarizeUsage('T1');
    expect(usage.inputTokens).toBe(fake.stats.promptTokens);
    expect(usage.outputTokens).toBe(fake.stats.completionTokens);
    expect(usage.cachedCalls).toBe(1);
    expect(fake.stats.cachedTokens).toBe(900);
    expect(usage.cachedInputTokens).toBe(900);
    expect(usage.byTask[ask('one').task]?.cachedInputTokens).toBe(900);
    const fresh = fake.stats.promptTokens - fake.stats.cachedTokens;
    const expectedCost = (fresh * 0.4 + fake.stats.cachedTokens * 0.1 + fake.stats.completionTokens * 1.6) / 1e6;
    expect(usage.costUsd).toBeCloseTo(expectedCost, 10);
    expect(await store.summarizeUsage('unattributed')).toMatchObject({ calls: 0 });

    const reply = await usageReply(store, model, 'T1', 0);
    const total = fake.stats.promptTokens + fake.stats.completionTokens;
    expect(reply.kind === 'text' && reply.text).toContain(
      `${total.toLocaleString('en-US')} tokens (${fake.stats.promptTokens.toLocaleString('en-US')} input (900 cached) / ${fake.stats.completionTokens.toLocaleString('en-US')} output)`,
    );
  });
});
