import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.js';
import { createLanguageModel, embeddingDimensionsFor } from '../../../engine/llm/create-model.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../../fakes/openai-server.js';
import { modelFor } from './helpers.js';

const embeddingCalls = (fake: FakeOpenAIServer) =>
  fake.requests.filter((request) => request.path.endsWith('/embeddings'));

describe("shorter embeddings: OpenAI's dimensions parameter", () => {
  let fake: FakeOpenAIServer;
  let refusing: FakeOpenAIServer;
  beforeAll(async () => {
    fake = await startFakeOpenAIServer({ embeddingDims: 1536 });
    refusing = await startFakeOpenAIServer({ embeddingDims: 24, rejectDimensions: true });
  });
  afterAll(async () => {
    await fake.close();
    await refusing.close();
  });

  it('sends dimensions when asked and gets vectors of that length', async () => {
    fake.reset();
    const model = modelFor(fake, { embeddingModel: 'text-embedding-3-small', embeddingDimensions: 256 });
    const [vector] = await model.embed!(['hello']);
    expect(vector).toHaveLength(256);
    expect(embeddingCalls(fake).map((request) => request.body.dimensions)).toEqual([256]);
  });

  it('an endpoint that rejects dimensions gets the request again without it, and never again with it', async () => {
    refusing.reset();
    const model = modelFor(refusing, { embeddingModel: 'text-embedding-ada-002', embeddingDimensions: 512 });
    const [first] = await model.embed!(['hello']);
    const [second] = await model.embed!(['world']);
    expect(first).toHaveLength(24);
    expect(second).toHaveLength(24);
    expect(embeddingCalls(refusing).map((request) => request.body.dimensions)).toEqual([512, undefined, undefined]);
  });

  it('by default asks text-embedding-3-* for 512 dimensions (configured through LLM_EMBEDDING_DIMENSIONS)', async () => {
    fake.reset();
    const env = {
      LLM_PROVIDER: 'openai',
      LLM_BASE_URL: fake.url,
      LLM_API_KEY: 'k',
      LLM_EMBEDDING_MODEL: 'text-embedding-3-small',
    };
    const byDefault = createLanguageModel(loadConfig(env));
    expect((await byDefault.embed!(['hello']))[0]).toHaveLength(512);
    const configured = createLanguageModel(loadConfig({ ...env, LLM_EMBEDDING_DIMENSIONS: '1024' }));
    expect((await configured.embed!(['hello']))[0]).toHaveLength(1024);
    const native = createLanguageModel(loadConfig({ ...env, LLM_EMBEDDING_DIMENSIONS: 'native' }));
    expect((await native.embed!(['hello']))[0]).toHaveLength(1536);
    expect(embeddingCalls(fake).map((request) => request.body.dimensions)).toEqual([512, 1024, undefined]);
  });

  it('sends none by default to other models, and refuses a bad setting with an example', () => {
    expect(embeddingDimensionsFor('nomic-embed-text', undefined)).toBeUndefined();
    expect(embeddingDimensionsFor('openai/text-embedding-3-large', undefined)).toBe(512);
    expect(() => loadConfig({ LLM_EMBEDDING_DIMENSIONS: 'short' })).toThrow(/LLM_EMBEDDING_DIMENSIONS.*512/s);
  });
});
