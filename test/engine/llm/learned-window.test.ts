import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LearnedWindow } from '../../../engine/llm/learned-window.js';
import { OpenAICompatibleModel } from '../../../engine/llm/openai-compatible-model.js';
import { RequestGate } from '../../../engine/llm/request-gate.js';
import { RetryingModel } from '../../../engine/llm/retrying-model.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../fakes/openai-server.js';
import { VirtualClock } from './virtual-clock.js';

const schema = z.object({ answer: z.string() });
const ask = (i: number) => ({ task: 'poll.answer', messages: [{ role: 'user' as const, content: `q ${i}` }], schema });

let fake: FakeOpenAIServer | undefined;
afterEach(() => fake?.close());

describe('a provider whose Retry-After is shorter than its window, with no x-ratelimit headers', () => {
  it('learns the window from its repeated 429s: every call completes, two requests answered 429', async () => {
    const clock = new VirtualClock();
    fake = await startFakeOpenAIServer({
      now: clock.now,
      rpmLimit: 12,
      retryAfterSeconds: 1,
      respond: () => ({ kind: 'json', value: { answer: 'ok' } }),
    });
    const base = new OpenAICompatibleModel({
      model: 'gpt-4.1-mini',
      timeoutMs: 5_000,
      client: new OpenAI({ baseURL: fake.url, apiKey: 'test', fetch: clock.fetch }),
      gate: new RequestGate({ maxConcurrency: 8, clock }),
    });
    const model = new RetryingModel(base, { clock });
    // A 12-persona create (one sampling call, twelve personas), then a 12-persona poll.
    await model.complete(ask(0));
    const created = await Promise.all(Array.from({ length: 12 }, (_, i) => model.complete(ask(1 + i))));
    const polled = await Promise.all(Array.from({ length: 12 }, (_, i) => model.complete(ask(100 + i))));
    expect(created).toHaveLength(12);
    expect(polled).toHaveLength(12);
    expect(fake.stats.ok).toBe(25);
    // The 13th request, and its retry after the 1 s the provider asked for: then the window is known.
    expect(fake.stats.rateLimited).toBeLessThanOrEqual(2);
  });
});

describe('LearnedWindow', () => {
  it('takes a first 429 at its word, and after a repeated one allows no more starts per 60 s than were accepted', () => {
    const window = new LearnedWindow(60_000);
    for (const at of [0, 1_000, 2_000, 2_500]) window.started(at);
    expect(window.waitMs(2_500)).toBe(0);
    window.refused(2_500, 2_500, 500);
    expect(window.waitMs(3_000)).toBe(0);
    window.started(3_000);
    window.refused(3_000, 3_000, 500);
    // Three were accepted in the window the provider counted: the next start waits for the first to leave it.
    expect(window.waitMs(3_000)).toBe(60_000 + window.marginMs - 3_000);
    window.started(61_000);
    expect(window.waitMs(61_500)).toBe(1_000 + 60_000 + window.marginMs - 61_500);
  });

  it('stays out of the way for providers that send x-ratelimit headers', () => {
    const window = new LearnedWindow(60_000);
    window.started(0);
    window.headersSeen();
    window.started(10);
    window.refused(10, 10, 1);
    window.started(20);
    window.refused(20, 20, 1);
    expect(window.waitMs(20)).toBe(0);
  });
});
