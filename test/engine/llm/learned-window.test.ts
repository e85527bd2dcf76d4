import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LearnedWindow } from '../../../engine/llm/learned-window.js';
import { OpenAICompatibleModel } from '../../../engine/llm/openai-compatible-model.js';
import { RequestGate } from '../../../engine/llm/request-gate.js';
import { RetryingModel } from '../../../engine/llm/retrying-model.js';
import { type FakeOpenAIOptions, type FakeOpenAIServer, startFakeOpenAIServer } from '../../fakes/openai-server.js';
import { VirtualClock } from './virtual-clock.js';

const schema = z.object({ answer: z.string() });
const ask = (i: number) => ({ task: 'poll.answer', messages: [{ role: 'user' as const, content: `q ${i}` }], schema });

let fake: FakeOpenAIServer | undefined;
afterEach(() => fake?.close());

/** The production stack against the fake provider, all on one virtual clock. */
async function stackFor(provider: FakeOpenAIOptions) {
  const clock = new VirtualClock();
  fake = await startFakeOpenAIServer({
    ...provider,
    now: clock.now,
    respond: () => ({ kind: 'json', value: { answer: 'ok' } }),
  });
  const base = new OpenAICompatibleModel({
    model: 'gpt-4.1-mini',
    timeoutMs: 5_000,
    client: new OpenAI({ baseURL: fake.url, apiKey: 'test', fetch: clock.fetch }),
    gate: new RequestGate({ maxConcurrency: 8, clock }),
  });
  return { clock, server: fake, model: new RetryingModel(base, { clock }) };
}

/** A 12-persona create (one sampling call, twelve personas, eight at a time), then a 12-persona poll. */
async function createAndPoll(model: RetryingModel, server: FakeOpenAIServer) {
  await model.complete(ask(0));
  const created = await Promise.all(Array.from({ length: 12 }, (_, i) => model.complete(ask(1 + i))));
  const refusedInCreate = server.stats.rateLimited;
  const polled = await Promise.all(Array.from({ length: 12 }, (_, i) => model.complete(ask(100 + i))));
  return { answers: 1 + created.length + polled.length, refusedInCreate };
}

describe('a provider whose Retry-After is shorter than its window, with no x-ratelimit headers', () => {
  it('learns the window from its first 429: every call completes, one request answered 429', async () => {
    const { server, model } = await stackFor({ rpmLimit: 12, retryAfterSeconds: 1 });
    expect((await createAndPoll(model, server)).answers).toBe(25);
    expect(server.stats.ok).toBe(25);
    // The 13th request: from then on no more start per minute than the twelve it had accepted.
    expect(server.stats.rateLimited).toBe(1);
  });

  it('against an honest per-second provider still completes every call, its Retry-After a lower bound', async () => {
    const { server, model, clock } = await stackFor({ rpmLimit: 4, rateWindowMs: 1_000, retryAfterSeconds: 1 });
    const { answers, refusedInCreate } = await createAndPoll(model, server);
    expect(answers).toBe(25);
    expect(server.stats.ok).toBe(25);
    // The create's first burst meets 429s (the requests already on the wire when the first came back), and
    // one more comes when the limit is forgotten five quiet minutes later and the pace is tried again…
    expect(refusedInCreate).toBeGreaterThan(0);
    expect(server.stats.rateLimited).toBe(refusedInCreate + 1);
    // …and the cost of assuming a minute: then four start per minute, so 25 requests take six minutes.
    expect(clock.now()).toBeGreaterThanOrEqual(6 * 60_000);
  });
});

describe('LearnedWindow', () => {
  it('after a first 429 allows no more starts per 60 s than the provider had accepted in the last 60 s', () => {
    const window = new LearnedWindow(60_000);
    for (const at of [0, 1_000, 2_000, 2_500]) window.started(at);
    expect(window.waitMs(2_500)).toBe(0);
    window.refused(2_500, 2_500);
    // Three were accepted in the window the provider counted: the next start waits for the first to leave it.
    expect(window.waitMs(3_000)).toBe(60_000 + window.marginMs - 3_000);
    window.started(61_500);
    expect(window.waitMs(61_500)).toBe(1_000 + 60_000 + window.marginMs - 61_500);
  });

  it('counts only the trailing 60 s, and lowers the limit as concurrent requests are refused', () => {
    const window = new LearnedWindow(60_000);
    for (const at of [0, 70_000, 70_000, 70_000, 70_000]) window.started(at);
    window.answered(0, 100);
    window.refused(70_000, 70_050);
    // The request answered at 100 ms left the window long ago; three others are still in flight.
    window.answered(70_000, 70_100);
    window.refused(70_000, 70_100);
    // Two were accepted in the last minute: the third start waits for the earlier of them to leave it.
    expect(window.waitMs(70_100)).toBe(70_000 + 60_000 + window.marginMs - 70_100);
    window.answered(70_000, 70_200);
    expect(window.waitMs(70_200)).toBe(70_100 + 60_000 + window.marginMs - 70_200);
  });

  it('learns nothing from a 429 with fewer than two requests accepted in the window (a stray refusal)', () => {
    const window = new LearnedWindow(60_000);
    window.started(0);
    window.answered(0, 200);
    window.started(1_000);
    window.refused(1_000, 1_100);
    // One accepted request is no evidence of a per-minute limit: honouring Retry-After is the gate's job.
    for (let at = 1_200; at < 1_700; at += 100) {
      expect(window.waitMs(at)).toBe(0);
      window.started(at);
    }
  });

  it('forgets a learned limit after five windows without a 429, so one bad minute does not pace the process for good', () => {
    const window = new LearnedWindow(60_000);
    for (const at of [0, 100, 200]) window.started(at);
    window.refused(200, 250);
    expect(window.waitMs(300)).toBeGreaterThan(0);
    // Paced, with no further 429: at four windows later the limit still holds ...
    for (const at of [60_000 + window.marginMs, 120_000 + window.marginMs]) window.started(at);
    window.started(240_000);
    window.started(240_001);
    expect(window.waitMs(240_002)).toBeGreaterThan(0);
    // ... five windows after the last 429 it is forgotten.
    window.started(300_300);
    window.started(300_301);
    expect(window.waitMs(300_302)).toBe(0);
  });

  it('stays out of the way for providers that send x-ratelimit headers', () => {
    const window = new LearnedWindow(60_000);
    window.started(0);
    window.headersSeen();
    window.started(10);
    window.refused(10, 10);
    window.started(20);
    window.refused(20, 20);
    expect(window.waitMs(20)).toBe(0);
  });
});
