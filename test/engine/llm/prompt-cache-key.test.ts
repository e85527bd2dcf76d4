import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../../fakes/openai-server.js';
import { modelFor } from './helpers.js';

const schema = z.object({ ok: z.boolean() });
const ask = (promptCacheKey?: string) => ({
  task: 'demo.cache',
  messages: [
    { role: 'system' as const, content: 'stable instructions' },
    { role: 'user' as const, content: 'the question' },
  ],
  schema,
  promptCacheKey,
});

describe('prompt_cache_key on the wire (real openai client, loopback fake)', () => {
  let fake: FakeOpenAIServer;
  afterEach(() => fake.close());

  it('sends the request key as prompt_cache_key, and nothing when the request has none', async () => {
    fake = await startFakeOpenAIServer({ respond: () => ({ kind: 'json', value: { ok: true } }) });
    const model = modelFor(fake);
    await model.complete(ask('persona:p1:act'));
    await model.complete(ask());
    expect(fake.chatRequests.map((r) => r.body.prompt_cache_key)).toEqual(['persona:p1:act', undefined]);
  });

  it('drops the parameter for good when the endpoint rejects it, like the format fallback', async () => {
    fake = await startFakeOpenAIServer({
      rejectFields: ['prompt_cache_key'],
      respond: () => ({ kind: 'json', value: { ok: true } }),
    });
    const model = modelFor(fake);
    expect(model.promptCacheKeyEnabled).toBe(true);
    expect((await model.complete(ask('persona:p1:act'))).value).toEqual({ ok: true });
    await model.complete(ask('persona:p2:act'));
    expect(fake.chatRequests.map((r) => [r.answer, r.body.prompt_cache_key])).toEqual([
      [400, 'persona:p1:act'],
      [200, undefined],
      [200, undefined],
    ]);
    expect(model.promptCacheKeyEnabled).toBe(false);
    expect(model.outputMode).toBe('json_schema');
  });

  it('never sends it when switched off', async () => {
    fake = await startFakeOpenAIServer({ respond: () => ({ kind: 'json', value: { ok: true } }) });
    const model = modelFor(fake, { promptCacheKey: 'off' });
    await model.complete(ask('persona:p1:act'));
    expect(fake.chatRequests[0].body.prompt_cache_key).toBeUndefined();
  });
});
