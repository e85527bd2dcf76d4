import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../../config.js';
import { createLanguageModel } from '../../../engine/llm/create-model.js';
import { describeRetry, RetryNotices } from '../../../engine/llm/retry-notices.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../fakes/openai-server.js';
import { VirtualClock } from './virtual-clock.js';

const ask = (i: number) => ({
  task: 'poll.answer',
  messages: [{ role: 'user' as const, content: `question ${i}` }],
  schema: z.object({ answer: z.string() }),
  attribution: { tenantId: 'T1', jobId: 'J1' },
});

let fake: FakeOpenAIServer | undefined;
afterEach(() => fake?.close());

describe("a job's retry notice", () => {
  it('says how long the gate will really hold the retry, not the Retry-After the provider claimed', async () => {
    const clock = new VirtualClock();
    // Two a minute, no rate-limit headers, and 429s that say "1 s".
    fake = await startFakeOpenAIServer({
      rpmLimit: 2,
      retryAfterSeconds: 1,
      now: clock.now,
      respond: () => ({ kind: 'json', value: { answer: 'ok' } }),
    });
    const notices = new RetryNotices();
    const heard: string[] = [];
    notices.subscribe('J1', (notice) => heard.push(describeRetry(notice)));
    const config = loadConfig({ LLM_API_KEY: 'sk-test', LLM_BASE_URL: fake.url, LLM_MODEL: 'gpt-4.1-mini' });
    const model = createLanguageModel(config, { clock, notices });
    await Promise.all([0, 1, 2].map((i) => model.complete(ask(i))));
    expect(fake.stats.ok).toBe(3);
    expect(fake.stats.rateLimited).toBe(1);
    // The third waits for the first of the two accepted to leave the provider's minute (plus a margin).
    expect(heard).toEqual(['rate limited by the provider, retrying in 61 s']);
    expect(clock.now()).toBe(61_200);
  });
});
