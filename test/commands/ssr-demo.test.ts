import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import type { Reply } from '../../commands/reply.js';
import { createLanguageModel } from '../../engine/llm/create-model.js';
import { createOfflineModel } from '../../engine/llm/offline/index.js';
import { MemoryStore } from '../../engine/store/memory-store.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../fakes/openai-server.js';
import { CONVERSATION, makeService, run } from './harness.js';

type TextReply = Extract<Reply, { kind: 'text' }>;
const texts = (posts: { reply: Reply }[]) =>
  posts.filter((entry) => entry.reply.kind === 'text').map((entry) => (entry.reply as TextReply).text);

describe('SSR in the no-key demo and on a real endpoint without embeddings', () => {
  let fake: FakeOpenAIServer;
  beforeAll(async () => {
    fake = await startFakeOpenAIServer();
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('npm start with no key: /poll likert --method ssr runs on the offline model, labelled as a lexical stand-in', async () => {
    const store = new MemoryStore();
    // The composition root's model, as main.ts builds it with no key (offline demo, cache and metering around it).
    const model = createLanguageModel(loadConfig({}), {
      cacheStore: store,
      usageStore: store,
      offline: createOfflineModel,
    });
    expect(model.offline).toBe(true);
    expect(model.embed).toBeUndefined();
    const { service, sink } = makeService({ model, store });
    await run(service, '/panel create 4 US adults --name adults');
    await run(service, '/poll likert "I trust my neighbours" --method ssr');
    const tally = texts(sink.posts).find((text) => text.startsWith('Poll: '))!;
    expect(tally).toContain('Method: SSR');
    expect(tally).toContain('LEXICAL STAND-IN');
    expect(tally).toContain('lexical similarity, not embeddings');
    // Four personas each gave a distribution: the tally counts all four.
    expect(tally).toContain('Poll: I trust my neighbours (n=4)');
    // Each point's mass is a sum of four personas' probabilities, shown with two decimals.
    expect(tally).toMatch(/\n {2}1: \d\.\d\d \(\d+%/);
    expect(tally).not.toMatch(/: \d\.\d{3,}/);
  });

  it('a real endpoint without embeddings keeps the clear "SSR needs an embeddings endpoint" error (poll and fidelity)', async () => {
    const model = createLanguageModel(loadConfig({ LLM_BASE_URL: fake.url, LLM_API_KEY: 'sk-test', LLM_MODEL: 'm' }), {
      offline: createOfflineModel,
    });
    expect(model.offline).toBe(false);
    expect(model.embedStandIn).toBeUndefined();
    // The panel is made on the demo model; the same store then serves the endpoint's service.
    const store = new MemoryStore();
    await run(makeService({ store }).service, '/panel create 3 US adults --name adults');
    const { service, sink } = makeService({ model, store });
    await service.handle(CONVERSATION, '/poll likert "I trust my neighbours" --method ssr');
    expect(texts(sink.posts).at(-1)).toContain('SSR (--method ssr) needs an embeddings endpoint');
    await service.handle(CONVERSATION, '/fidelity --method ssr', [
      { name: 's.csv', bytes: new TextEncoder().encode('q1\n1\n2\n3\n4\n5\n') },
    ]);
    expect(texts(sink.posts).at(-1)).toContain('SSR (--method ssr) needs an embeddings endpoint');
    expect(fake.chatRequests).toHaveLength(0);
  });
});
