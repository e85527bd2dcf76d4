import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../../config.js';
import { createLanguageModel } from '../../../engine/llm/create-model.js';
import { modelForTask, modelLabel } from '../../../engine/llm/model-routes.js';
import { makeProvenance } from '../../../engine/extraction/provenance.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../../fakes/openai-server.js';
import { MemoryUsageStore } from './helpers.js';

const schema = z.object({ ok: z.boolean() });
const call = (task: string) => ({ task, messages: [{ role: 'user' as const, content: `do ${task}` }], schema });

describe('model routing (LLM_MODEL_SMALL)', () => {
  let fake: FakeOpenAIServer;
  beforeAll(async () => {
    fake = await startFakeOpenAIServer({
      respond: () => ({ kind: 'json', value: { ok: true }, usage: { prompt_tokens: 1000, completion_tokens: 10 } }),
    });
  });
  afterAll(() => fake.close());

  it('sends judges, consolidation, extraction chunks and profile writing to the small model, turns to the main one', async () => {
    const usage = new MemoryUsageStore();
    const config = loadConfig({ LLM_BASE_URL: fake.url, LLM_MODEL: 'gpt-4.1-mini', LLM_MODEL_SMALL: 'gpt-4.1-nano' });
    const model = createLanguageModel(config, { usageStore: usage });
    const tasks = [
      'agent.act',
      'correction.regenerate',
      'poll.answer',
      'correction.score',
      'proposition.check',
      'intervention.score',
      'agent.consolidate',
      'extraction.map',
      'persona.profile',
      'extraction.reduce',
    ];
    for (const task of tasks) await model.complete(call(task));
    const sent = fake.chatRequests.slice(-tasks.length).map((r) => r.body.model);
    expect(sent).toEqual([
      'gpt-4.1-mini',
      'gpt-4.1-mini',
      'gpt-4.1-mini',
      'gpt-4.1-nano',
      'gpt-4.1-nano',
      'gpt-4.1-nano',
      'gpt-4.1-nano',
      'gpt-4.1-nano',
      'gpt-4.1-nano',
      'gpt-4.1-mini',
    ]);
    // Metered and priced at the model that answered: 1000 in + 10 out at nano's list price.
    const judge = usage.entries.find((e) => e.task === 'correction.score');
    expect(judge).toMatchObject({ model: 'gpt-4.1-nano' });
    expect(judge?.costUsd).toBeCloseTo((1000 * 0.1 + 10 * 0.4) / 1e6, 12);
    expect(modelLabel(model)).toBe('answers: gpt-4.1-mini; judge: gpt-4.1-nano');
    expect(modelForTask(model, 'agent.consolidate')).toBe('gpt-4.1-nano');
    expect(makeProvenance(model, 'p').model).toBe('answers: gpt-4.1-mini; judge: gpt-4.1-nano');
  });

  it('keeps one model (and a plain label) without LLM_MODEL_SMALL', async () => {
    const model = createLanguageModel(loadConfig({ LLM_BASE_URL: fake.url, LLM_MODEL: 'gpt-4.1-mini' }));
    await model.complete(call('correction.score'));
    expect(fake.chatRequests.at(-1)?.body.model).toBe('gpt-4.1-mini');
    expect(model.routes).toBeUndefined();
    expect(modelLabel(model)).toBe('gpt-4.1-mini');
  });
});
