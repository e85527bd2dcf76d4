import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LimitedModel } from '../../../engine/llm/limited-model.js';
import { OpenAICompatibleModel } from '../../../engine/llm/openai-compatible-model.js';
import { parseResetDuration, readRateLimitHeaders } from '../../../engine/llm/rate-limit-headers.js';
import { type LimitOptions, RequestGate } from '../../../engine/llm/request-gate.js';
import { RetryingModel } from '../../../engine/llm/retrying-model.js';
import { type FakeOpenAIOptions, type FakeOpenAIServer, startFakeOpenAIServer } from '../../fakes/openai-server.js';
import { VirtualClock } from './virtual-clock.js';

const schema = z.object({ answer: z.string() });
const ask = (i: number) => ({
  task: 'poll.answer',
  messages: [{ role: 'user' as const, content: `question ${i}` }],
  schema,
});
let fake: FakeOpenAIServer | undefined;
afterEach(() => fake?.close());

async function provider(options: FakeOpenAIOptions): Promise<FakeOpenAIServer> {
  fake = await startFakeOpenAIServer(options);
  return fake;
}

/** The production stack on one virtual clock: the client's requests hold time still while on the wire. */
function stack(server: FakeOpenAIServer, clock: VirtualClock, limits: LimitOptions = {}) {
  const gate = new RequestGate({ maxConcurrency: 8, ...limits, clock });
  const base = new OpenAICompatibleModel({
    model: 'gpt-4.1-mini',
    timeoutMs: 5_000,
    client: new OpenAI({ baseURL: server.url, apiKey: 'test', fetch: clock.fetch }),
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
    const clock = new VirtualClock();
    const server = await provider({ rpmLimit: 30, now: clock.now, respond: junkThenValid() });
    const model = stack(server, clock, { rpm: 30 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => model.complete(ask(i))));
    // Each call is a junk answer plus its repair, all paced: none answered 429.
    expect(server.stats.ok).toBe(40);
    expect(server.stats.rateLimited).toBe(0);
    // 40 requests at 95 % of 30 per minute: the last starts 39 spacings after the first.
    expect(clock.now()).toBeCloseTo((39 * 60_000) / (30 * 0.95), 0);

    // The old arrangement, one slot per complete(), lets the repairs through unpaced.
    const oldClock = new VirtualClock();
    const before = await startFakeOpenAIServer({ rpmLimit: 30, now: oldClock.now, respond: junkThenValid() });
    const base = new OpenAICompatibleModel({
      model: 'gpt-4.1-mini',
      timeoutMs: 5_000,
      client: new OpenAI({ baseURL: before.url, apiKey: 'test', fetch: oldClock.fetch }),
    });
    const old = new RetryingModel(new LimitedModel(base, { maxConcurrency: 8, rpm: 30, clock: oldClock }), {
      clock: oldClock,
    });
    await Promise.all(Array.from({ length: 20 }, (_, i) => old.complete(ask(i))));
    expect(before.stats.rateLimited).toBeGreaterThan(0);
    await before.close();
  });

  it('paces from x-ratelimit headers with no limits configured: 30 requests to a 12-RPM provider, under 5 % 429s', async () => {
    const clock = new VirtualClock();
    const server = await provider({
      rpmLimit: 12,
      rateLimitHeaders: true,
      now: clock.now,
      respond: () => ({ kind: 'json', value: { answer: 'ok' } }),
    });
    const model = stack(server, clock);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => model.complete(ask(i))));
    expect(answers).toHaveLength(30);
    expect(server.stats.rateLimited / server.stats.chat).toBeLessThan(0.05);
  });

  it('paces by the tokens the x-ratelimit headers say are left, counting each request by its estimate', async () => {
    const clock = new VirtualClock();
    const server = await provider({ now: clock.now, respond: () => ({ kind: 'json', value: { answer: 'ok' } }) });
    const model = stack(server, clock);
    server.enqueue({
      kind: 'json',
      value: { answer: 'ok' },
      headers: { 'x-ratelimit-remaining-tokens': '600', 'x-ratelimit-reset-tokens': '20s' },
    });
    await model.complete(ask(0));
    // A small request fits in the 600 tokens left: it goes at once.
    await model.complete({ ...ask(1), maxTokens: 100 });
    expect(clock.now()).toBe(0);
    // One that may write 2,000 tokens does not: it waits for the window to reset.
    await model.complete({ ...ask(2), maxTokens: 2_000 });
    expect(clock.now()).toBe(20_000);
    expect(server.stats.ok).toBe(3);
  });

  it('completes every call against a provider that says Retry-After: 1 while its window is 60 s', async () => {
    const clock = new VirtualClock();
    const server = await provider({
      rpmLimit: 12,
      rateLimitHeaders: true,
      retryAfterSeconds: 1,
      now: clock.now,
      respond: () => ({ kind: 'json', value: { answer: 'ok' } }),
    });
    const model = stack(server, clock);
    // Two 12-persona polls back to back.
    const first = await Promise.all(Array.from({ length: 12 }, (_, i) => model.complete(ask(i))));
    const second = await Promise.all(Array.from({ length: 12 }, (_, i) => model.complete(ask(100 + i))));
    expect(first).toHaveLength(12);
    expect(second).toHaveLength(12);
    expect(server.stats.rateLimited / server.stats.chat).toBeLessThan(0.05);
  });
});
