import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillFromJsonSchema } from '../../engine/llm/offline/schema-fill.js';
import { createLanguageModel } from '../../engine/llm/create-model.js';
import { MemoryStore } from '../../engine/store/memory-store.js';
import { SeededRandom, hashString } from '../../engine/util/random.js';
import {
  startFakeOpenAIServer,
  type FakeOpenAIServer,
  type OpenAIRequestBody,
  type ScriptedResponse,
} from '../fakes/openai-server.js';
import { CONVERSATION, makeService, run } from '../commands/harness.js';

/**
 * The whole command flow through the real `openai` client and the production decorator stack,
 * against a loopback server that answers every call with a value generated from the JSON schema
 * the client sent. This proves each task's zod schema survives the trip to a provider's
 * response_format and back (strict or not), and that failures reach the thread as a clear message.
 */
function schemaAnswer(body: OpenAIRequestBody): ScriptedResponse {
  const schema = body?.response_format?.json_schema?.schema;
  if (!schema) return { kind: 'error', status: 400, message: 'expected a json_schema response_format' };
  const text = JSON.stringify(body.messages ?? []);
  const value = fillFromJsonSchema(schema, new SeededRandom(hashString(text)), {
    task: 'wire',
    messages: body.messages ?? [],
    schema: undefined as never,
  });
  return { kind: 'json', value, usage: { prompt_tokens: Math.ceil(text.length / 4), completion_tokens: 50 } };
}

const settings = (baseURL: string) => ({
  llm: {
    provider: 'openai' as const,
    baseURL,
    apiKey: 'test-key',
    model: 'gpt-4.1-mini',
    maxConcurrency: 8,
    timeoutMs: 5_000,
    cache: true,
  },
});

describe('the command flow over the real openai client', () => {
  let fake: FakeOpenAIServer;
  beforeAll(async () => {
    fake = await startFakeOpenAIServer({ respond: schemaAnswer });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('creates a panel, asks, polls, brainstorms and summarizes with schema-valid provider answers', async () => {
    const store = new MemoryStore();
    const model = createLanguageModel(settings(fake.url), { cacheStore: store, usageStore: store });
    const { service, sink } = makeService({ store, model });
    await run(service, '/panel create 3 nurses in Lagos who commute by bus --name lagos');
    expect(
      (await store.listPersonas(CONVERSATION.tenantId, (await store.getPanel(CONVERSATION.tenantId, 'lagos'))!.id))
        .length,
    ).toBe(3);
    await run(service, '/panel ask "Would a bus-tracking app help your commute?"');
    await run(service, '/poll yesno "Would you pay for it?"');
    await run(service, '/brainstorm "features for a commuter app" --rounds 1');
    await run(service, '/summarize');
    const failures = sink.posts.filter(
      (entry) => entry.reply.kind === 'text' && /went wrong|failed|could not/i.test(entry.reply.text),
    );
    expect(failures.map((entry) => (entry.reply as { text: string }).text)).toEqual([]);
    const tasks = new Set(fake.chatRequests.map((request) => request.body.response_format?.json_schema?.name));
    // Dimensions and plan come in one structured call (factory.sampling), then personas, ask, poll, summary.
    expect(tasks.size).toBeGreaterThanOrEqual(4);
    expect([...tasks].some((name) => /sampling/.test(String(name)))).toBe(true);
    expect([...tasks].some((name) => /dimensions|plan$/.test(String(name)))).toBe(false);
    expect(fake.chatRequests.every((request) => request.headers.authorization === 'Bearer test-key')).toBe(true);
    const usage = await store.summarizeUsage(CONVERSATION.tenantId);
    expect(usage.calls).toBe(fake.chatRequests.length);
    expect(usage.costUsd).toBeGreaterThan(0);
  });

  it('reports a provider that keeps failing in the conversation, and leaves no half-made panel', async () => {
    const failing = await startFakeOpenAIServer({
      respond: () => ({ kind: 'error', status: 503, message: 'overloaded' }),
    });
    try {
      const store = new MemoryStore();
      const model = createLanguageModel(settings(failing.url), {
        cacheStore: store,
        usageStore: store,
        retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
      });
      const { service, sink } = makeService({ store, model });
      await run(service, '/panel create 2 US parents --name parents');
      const failure = sink.posts.find(
        (entry) => entry.reply.kind === 'text' && /language model could not complete/.test(entry.reply.text),
      );
      expect(failure, sink.texts().join('\n')).toBeDefined();
      expect((failure!.reply as { text: string }).text).toMatch(/HTTP 503/);
      // Everyone following the conversation sees it, not only the person who asked.
      expect(failure!.reply.ephemeral).toBe(false);
      expect(await store.getPanel(CONVERSATION.tenantId, 'parents')).toBeUndefined();
      const [job] = await store.listJobs(CONVERSATION.tenantId);
      expect(job.status).toBe('failed');
    } finally {
      await failing.close();
    }
  });
});
