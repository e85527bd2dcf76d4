import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { scaledClock } from '../../../engine/llm/clock.js';
import { LimitedModel } from '../../../engine/llm/limited-model.js';
import { OpenAICompatibleModel } from '../../../engine/llm/openai-compatible-model.js';
import { parseResetDuration, readRateLimitHeaders } from '../../../engine/llm/rate-limit-headers.js';
import { RequestGate } from '../../../engine/llm/request-gate.js';
import { RetryingModel } from '../../../engine/llm/retrying-model.js';
import { type FakeOpenAIOptions, type FakeOpenAIServer, startFakeOpenAIServer } from '../../fakes/openai-server.js';

const schema = z.object({ answer: z.string() });
const ask = (i: number) => ({
  task: 'poll.answer',
  messages: [{ role: 'user' as const, content: `question ${i}` }],
  schema,
});
// A simulated minute lasts half a real second; the fake's window and our clock share the scale.
const SCALE = 120;

let fake: FakeOpenAIServer | undefined;
afterEach(() => fake?.close());

async function provider(options: FakeOpenAIOptions): Promise<FakeOpenAIServer> {
  fake = await startFakeOpenAIServer({ timeScale: SCALE, ...options });
  return fake;
}

function stack(server: FakeOpenAIServer, gate: RequestGate, clock = gate.clock) {
  const base = new OpenAICompatibleModel({
    model: 'gpt-4.1-mini',
    timeoutMs: 5_000,
    client: new OpenAI({ baseURL: server.url, apiKey: 'test' }),
    gate,
  });
  return new RetryingModel(base, { clock });
}

describe('rate-limit headers', () => {
  it("reads OpenAI's remaining and reset headers in every duration format", () => {
    expect(parseResetDuration('6m0s')).toBe(360_000);
    expect(parseResetDuration('1.5s')).toBe(1_500);
    expect(parseResetDuration('20ms')).toBe(20);
    expect(parseResetDuration('1h2m3s')).toBe(3_723_000);
    expect(parseResetDuration('12')).toBe(12_000);
    expect(parseResetDuration('soon')).toBeUndefined();
    const headers = new Headers({
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '1m2.5s',
      'x-ratelimit-remaining-tokens': '1200',
      'x-ratelimit-reset-tokens': '250ms',
    });
    expect(readRateLimitHeaders(headers)).toEqual({
      requests: { limit: 500, remaining: 0, resetMs: 62_500 },
      tokens: { remaining: 1200, resetMs: 250 },
    });
  });
});

describe('RequestGate', () => {
  it('gives every HTTP request of a complete() a rate slot, so repairs never push past LLM_RPM', async () => {
    // Every first answer is junk; the repair (which quotes the error) gets a valid one.
    const junkThenValid = () => (body: { messages: Array<{ content: string }> }) =>
      body.messages.at(-1)?.content.includes('could not be used')
        ? { kind: 'json' as const, value: { answer: 'ok' } }
        : { kind: 'text' as const, text: 'hmm' };
    // A slower scale here: even spacing at the cap leaves little slack for a loaded machine's timer jitter.
    const scale = 30;
    const server = await provider({ rpmLimit: 30, timeScale: scale, respond: junkThenValid() });
    const clock = scaledClock(scale);
    const model = stack(server, new RequestGate({ maxConcurrency: 8, rpm: 30, clock }));
    await Promise.all(Array.from({ length: 20 }, (_, i) => model.complete(ask(i))));
    // Each call is a junk answer plus its repair (a timed-out request under a loaded machine may add a retry).
    expect(server.stats.ok).toBeGreaterThanOrEqual(40);
    expect(server.stats.rateLimited).toBe(0);

    // The old arrangement, one slot per complete(), lets the repairs through unpaced.
    const before = await startFakeOpenAIServer({ timeScale: scale, rpmLimit: 30, respond: junkThenValid() });
    const base = new OpenAICompatibleModel({
      model: 'gpt-4.1-mini',
      timeoutMs: 5_000,
      client: new OpenAI({ baseURL: before.url, apiKey: 'test' }),
    });
    const old = new RetryingModel(new LimitedModel(base, { maxConcurrency: 8, rpm: 30, clock }), { clock });
    await Promise.all(Array.from({ length: 20 }, (_, i) => old.complete(ask(i))));
    expect(before.stats.rateLimited).toBeGreaterThan(0);
    await before.close();
  });

  it('paces from x-ratelimit headers with no limits configured: 30 requests to a 12-RPM provider, under 5 % 429s', async () => {
    const server = await provider({
      rpmLimit: 12,
      rateLimitHeaders: true,
      respond: () => ({ kind: 'json', value: { answer: 'ok' } }),
    });
    const model = stack(server, new RequestGate({ maxConcurrency: 8, clock: scaledClock(SCALE) }));
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => model.complete(ask(i))));
    expect(answers).toHaveLength(30);
    expect(server.stats.rateLimited / server.stats.chat).toBeLessThan(0.05);
  });

  it('completes every call against a provider that says Retry-After: 1 while its window is 60 s', async () => {
    const server = await provider({
      rpmLimit: 12,
      rateLimitHeaders: true,
      retryAfterSeconds: 1,
      respond: () => ({ kind: 'json', value: { answer: 'ok' } }),
    });
    const model = stack(server, new RequestGate({ maxConcurrency: 8, clock: scaledClock(SCALE) }));
    // Two 12-persona polls back to back.
    const first = await Promise.all(Array.from({ length: 12 }, (_, i) => model.complete(ask(i))));
    const second = await Promise.all(Array.from({ length: 12 }, (_, i) => model.complete(ask(100 + i))));
    expect(first).toHaveLength(12);
    expect(second).toHaveLength(12);
    expect(server.stats.rateLimited / server.stats.chat).toBeLessThan(0.05);
  });
});
