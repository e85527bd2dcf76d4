import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CachingModel } from '../../../engine/llm/caching-model.js';
import { MeteredModel } from '../../../engine/llm/metered-model.js';
import { OfflineModel } from '../../../engine/llm/offline/offline-model.js';
import { estimateCostUsd, priceOf } from '../../../engine/llm/prices.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../../fakes/openai-server.js';
import { MemoryCacheStore, MemoryUsageStore, modelFor } from './helpers.js';

const schema = z.object({ answer: z.string() });
const ask = (task: string, content: string, jobId?: string) => ({
  task,
  messages: [{ role: 'user' as const, content }],
  schema,
  attribution: { tenantId: 'T1', jobId },
});

describe('MeteredModel', () => {
  let fake: FakeOpenAIServer;
  beforeAll(async () => {
    fake = await startFakeOpenAIServer({
      respond: () => ({
        kind: 'json',
        value: { answer: 'fine' },
        usage: { prompt_tokens: 1_000, completion_tokens: 200 },
      }),
    });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('records tokens and estimated cost per tenant, job and task, with cache hits free', async () => {
    const usage = new MemoryUsageStore();
    const model = new MeteredModel(new CachingModel(modelFor(fake), new MemoryCacheStore()), { usageStore: usage });
    await model.complete(ask('agent.act', 'hello', 'J1'));
    await model.complete(ask('agent.act', 'hello', 'J1'));
    await model.complete(ask('poll.answer', 'price?', 'J2'));
    await model.complete({ task: 'poll.answer', messages: [{ role: 'user', content: 'anon' }], schema });

    const perCall = estimateCostUsd('gpt-4.1-mini', 1_000, 200);
    expect(perCall).toBeCloseTo((1_000 * 0.4 + 200 * 1.6) / 1e6, 12);
    expect(usage.entries.map((e) => [e.tenantId, e.jobId, e.task, e.cached, e.inputTokens])).toEqual([
      ['T1', 'J1', 'agent.act', false, 1_000],
      ['T1', 'J1', 'agent.act', true, 0],
      ['T1', 'J2', 'poll.answer', false, 1_000],
      ['unattributed', undefined, 'poll.answer', false, 1_000],
    ]);
    expect(usage.entries[1].costUsd).toBe(0);
    const tally = model.tally;
    expect(tally.total).toMatchObject({ calls: 4, cachedCalls: 1, inputTokens: 3_000, outputTokens: 600 });
    expect(tally.total.costUsd).toBeCloseTo(3 * perCall, 12);
    expect(tally.byTask['agent.act']).toMatchObject({ calls: 2, cachedCalls: 1, inputTokens: 1_000 });
    expect((await usage.summarizeUsage('T1', { jobId: 'J1' })).calls).toBe(2);
    expect(fake.chatRequests).toHaveLength(3);
  });

  it('uses overridable prices and charges nothing for the offline model or unknown models', async () => {
    const model = new MeteredModel(modelFor(fake, { model: 'my-local-llama' }), {
      prices: { 'my-local-llama': { input: 1, output: 1 } },
    });
    await model.complete(ask('t', 'x'));
    expect(model.tally.total.costUsd).toBeCloseTo(1_200 / 1e6, 12);
    const offline = new MeteredModel(new OfflineModel());
    await offline.complete(ask('t', 'x'));
    expect(offline.tally.total).toMatchObject({ calls: 1, costUsd: 0 });
    expect(priceOf('openai/gpt-4o-mini-2024-07-18')).toEqual(priceOf('gpt-4o-mini'));
    expect(priceOf('unknown-model')).toBeUndefined();
    model.resetTally();
    expect(model.tally.total.calls).toBe(0);
  });
});
