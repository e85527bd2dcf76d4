import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, ModelBehaviorError } from '../../../engine/errors.js';
import { ProviderError } from '../../../engine/llm/provider-errors.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../../fakes/openai-server.js';
import { modelFor } from './helpers.js';

const Answer = z.object({ name: z.string(), age: z.number().int() });
const messages = [
  { role: 'system' as const, content: 'You are Ada, a product manager.' },
  { role: 'user' as const, content: 'Introduce yourself.' },
];
const request = { task: 'agent.intro', messages, schema: Answer };

describe('OpenAICompatibleModel against the fake OpenAI server', () => {
  let fake: FakeOpenAIServer;
  beforeAll(async () => {
    fake = await startFakeOpenAIServer();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('asks for a strict JSON schema and returns the validated value with usage', async () => {
    fake.enqueue({
      kind: 'json',
      value: { name: 'Ada', age: 41 },
      usage: { prompt_tokens: 123, completion_tokens: 17 },
    });
    const result = await modelFor(fake).complete({ ...request, temperature: 0.3, maxTokens: 200 });
    expect(result.value).toEqual({ name: 'Ada', age: 41 });
    expect(result.usage).toMatchObject({ inputTokens: 123, outputTokens: 17, cached: false });
    expect(result.model).toBe('gpt-4.1-mini');
    const body = fake.chatRequests[0].body;
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema).toMatchObject({ name: 'agent_intro', strict: true });
    expect(body.response_format.json_schema.schema.required).toEqual(['name', 'age']);
    expect(body).toMatchObject({ model: 'gpt-4.1-mini', temperature: 0.3, max_completion_tokens: 200, messages });
    expect(fake.chatRequests[0].headers.authorization).toBe('Bearer test-key');
  });

  it('sends a non-strict schema when the zod schema has optional fields', async () => {
    const Loose = z.object({ name: z.string(), nickname: z.string().optional() });
    fake.enqueue({ kind: 'json', value: { name: 'Ada' } });
    const result = await modelFor(fake).complete({ task: 't', messages, schema: Loose });
    expect(result.value).toEqual({ name: 'Ada' });
    expect(fake.chatRequests[0].body.response_format.json_schema.strict).toBe(false);
  });

  it('falls back to JSON mode when json_schema is rejected, and goes straight there next time', async () => {
    const provider = await startFakeOpenAIServer({ rejectResponseFormats: ['json_schema'] });
    try {
      provider.enqueue(
        { kind: 'json', value: { name: 'Ada', age: 41 } },
        { kind: 'json', value: { name: 'Bo', age: 30 } },
      );
      const model = modelFor(provider);
      expect((await model.complete(request)).value).toEqual({ name: 'Ada', age: 41 });
      expect(provider.chatRequests.map((r) => [r.body.response_format?.type, r.answer])).toEqual([
        ['json_schema', 400],
        ['json_object', 200],
      ]);
      // JSON mode does not carry the schema, so the prompt must.
      expect(provider.chatRequests[1].body.messages[0].content).toContain('"required":["name","age"]');
      expect(model.outputMode).toBe('json_object');
      expect((await model.complete(request)).value).toEqual({ name: 'Bo', age: 30 });
      expect(provider.chatRequests.map((r) => r.body.response_format?.type)).toEqual([
        'json_schema',
        'json_object',
        'json_object',
      ]);
    } finally {
      await provider.close();
    }
  });

  it('falls back to plain text and extracts fenced JSON when JSON mode is rejected too', async () => {
    const provider = await startFakeOpenAIServer({ rejectResponseFormats: ['json_schema', 'json_object'] });
    try {
      provider.enqueue({
        kind: 'text',
        text: 'Sure! Here it is:\n```json\n{"name": "Ada {the PM}", "age": 41}\n```\nAnything else?',
      });
      const model = modelFor(provider);
      expect((await model.complete(request)).value).toEqual({ name: 'Ada {the PM}', age: 41 });
      expect(model.outputMode).toBe('text');
      expect(provider.chatRequests.at(-1)?.body.response_format).toBeUndefined();
    } finally {
      await provider.close();
    }
  });

  it('repairs junk output once, showing the model its error', async () => {
    fake.enqueue(
      { kind: 'text', text: 'I am Ada and I am forty-one' },
      { kind: 'json', value: { name: 'Ada', age: 41 } },
    );
    const result = await modelFor(fake).complete(request);
    expect(result.value).toEqual({ name: 'Ada', age: 41 });
    const repair = fake.chatRequests[1].body.messages;
    expect(repair.at(-2)).toEqual({ role: 'assistant', content: 'I am Ada and I am forty-one' });
    expect(repair.at(-1)?.content).toContain('not valid JSON');
    expect(result.usage.inputTokens).toBeGreaterThan(0);
  });

  it('repairs a missing field by naming it, and gives up with llm.invalid_output when it stays wrong', async () => {
    fake.enqueue({ kind: 'json', value: { name: 'Ada' } }, { kind: 'json', value: { name: 'Ada', age: 'old' } });
    const error = await modelFor(fake)
      .complete(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelBehaviorError);
    expect((error as ModelBehaviorError).code).toBe('llm.invalid_output');
    expect((error as Error).message).toContain('age');
    expect(fake.chatRequests).toHaveLength(2);
    expect(fake.chatRequests[1].body.messages.at(-1)?.content).toMatch(/age: .*expected number/i);
  });

  it('maps 429 with Retry-After to a retryable error carrying the wait', async () => {
    fake.enqueue({ kind: 'error', status: 429, headers: { 'retry-after': '2' } });
    const error = (await modelFor(fake)
      .complete(request)
      .catch((e: unknown) => e)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'llm.rate_limited', retryable: true, retryAfterMs: 2000, status: 429 });
  });

  it('maps 500 to retryable, 401 to a ConfigError and a quota 429 to non-retryable', async () => {
    fake.enqueue(
      { kind: 'error', status: 503 },
      { kind: 'error', status: 401, message: 'Incorrect API key' },
      { kind: 'error', status: 429, code: 'insufficient_quota', message: 'You exceeded your current quota' },
    );
    const model = modelFor(fake);
    expect(await model.complete(request).catch((e: unknown) => e)).toMatchObject({
      code: 'llm.server_error',
      retryable: true,
    });
    const auth = await model.complete(request).catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(ConfigError);
    expect((auth as Error).message).toContain('LLM_API_KEY');
    expect(await model.complete(request).catch((e: unknown) => e)).toMatchObject({
      code: 'llm.quota_exceeded',
      retryable: false,
    });
  });

  it('times out a hanging call with a retryable llm.timeout', async () => {
    fake.enqueue({ kind: 'hang' });
    const error = await modelFor(fake, { timeoutMs: 150 })
      .complete(request)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'llm.timeout', retryable: true });
  });

  it('reports a refusal as model behaviour', async () => {
    fake.enqueue({ kind: 'refusal', text: 'I cannot help with that.' });
    expect(
      await modelFor(fake)
        .complete(request)
        .catch((e: unknown) => e),
    ).toMatchObject({ code: 'llm.refused' });
  });

  it('offers no embeddings without an embedding model (memory then uses BM25)', () => {
    expect(modelFor(fake, {}).embed).toBeUndefined();
  });

  it('embeds texts through /embeddings in input order', async () => {
    const model = modelFor(fake, { embeddingModel: 'text-embedding-3-small' });
    const vectors = await model.embed!(['hello', 'world', 'hello']);
    expect(vectors).toHaveLength(3);
    expect(vectors[0]).toHaveLength(8);
    expect(vectors[0]).toEqual(vectors[2]);
    expect(vectors[0]).not.toEqual(vectors[1]);
    expect(fake.requests.at(-1)?.body.model).toBe('text-embedding-3-small');
  });
});
