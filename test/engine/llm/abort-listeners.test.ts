import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../../config.js';
import { createLanguageModel } from '../../../engine/llm/create-model.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../../fakes/openai-server.js';
import { modelFor } from './helpers.js';

describe('one shared abort signal across many requests', () => {
  let fake: FakeOpenAIServer;
  beforeAll(async () => {
    fake = await startFakeOpenAIServer({ respond: () => ({ kind: 'json', value: { ok: true } }) });
  });
  afterAll(() => fake.close());

  it('leaves no abort listener behind (no MaxListenersExceededWarning in a brainstorm)', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    const job = new AbortController();
    const model = modelFor(fake);
    const ask = (i: number) =>
      model.complete({
        task: 'agent.act',
        messages: [{ role: 'user', content: `turn ${i}` }],
        schema: z.object({ ok: z.boolean() }),
        signal: job.signal,
      });
    for (let i = 0; i < 15; i++) await ask(i);
    await Promise.all(Array.from({ length: 12 }, (_, i) => ask(100 + i)));
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    expect(getEventListeners(job.signal, 'abort')).toHaveLength(0);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('keeps one listener per layer while 20 calls queue for slots, pacing and backoffs of the full stack', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    const config = loadConfig({
      LLM_API_KEY: 'sk-test',
      LLM_BASE_URL: fake.url,
      LLM_MAX_CONCURRENCY: '4',
      LLM_RPM: '6000',
    });
    const model = createLanguageModel(config, { retry: { baseDelayMs: 5 } });
    const job = new AbortController();
    for (let i = 0; i < 6; i++) fake.enqueue({ kind: 'error', status: 503 });
    let peak = 0;
    const watch = setInterval(() => {
      peak = Math.max(peak, getEventListeners(job.signal, 'abort').length);
    }, 1);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        model.complete({
          task: 'agent.act',
          messages: [{ role: 'user', content: `persona ${i}` }],
          schema: z.object({ ok: z.boolean() }),
          signal: job.signal,
        }),
      ),
    );
    clearInterval(watch);
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(3);
    expect(getEventListeners(job.signal, 'abort')).toHaveLength(0);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('still cancels the request in flight when the shared signal fires', async () => {
    fake.enqueue({ kind: 'hang' });
    const job = new AbortController();
    const pending = modelFor(fake, { timeoutMs: 5_000 }).complete({
      task: 'agent.act',
      messages: [{ role: 'user', content: 'hang' }],
      schema: z.object({ ok: z.boolean() }),
      signal: job.signal,
    });
    setTimeout(() => job.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'CancelledError' });
    expect(getEventListeners(job.signal, 'abort')).toHaveLength(0);
  });
});
