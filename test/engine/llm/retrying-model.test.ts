import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CancelledError, ModelBehaviorError } from '../../../engine/errors.js';
import { RetryingModel } from '../../../engine/llm/retrying-model.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../../fakes/openai-server.js';
import { modelFor } from './helpers.js';

const request = {
  task: 'poll.answer',
  messages: [{ role: 'user' as const, content: 'Would you buy it?' }],
  schema: z.object({ answer: z.enum(['yes', 'no']) }),
};

/** Time that moves only when a retry sleeps. */
class ManualClock {
  time = 0;
  now = (): number => this.time;
  sleep = async (ms: number): Promise<void> => {
    this.time += ms;
  };
}

describe('RetryingModel over the real client and the fake server', () => {
  let fake: FakeOpenAIServer;
  let sleeps: number[];
  const sleep = async (ms: number) => void sleeps.push(ms);
  beforeAll(async () => {
    fake = await startFakeOpenAIServer();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    sleeps = [];
  });

  it('waits exactly what Retry-After says, then succeeds', async () => {
    fake.enqueue(
      { kind: 'error', status: 429, headers: { 'retry-after': '2' } },
      { kind: 'json', value: { answer: 'yes' } },
    );
    const model = new RetryingModel(modelFor(fake), { sleep, random: () => 0.5 });
    expect((await model.complete(request)).value).toEqual({ answer: 'yes' });
    expect(sleeps).toEqual([2000]);
    expect(fake.chatRequests).toHaveLength(2);
  });

  it('prefers retry-after-ms and reads an HTTP-date Retry-After', async () => {
    // An HTTP date is read against the wall clock: 30 s ahead (whole seconds) leaves a loaded machine ~9 s of slack.
    const inThirtySeconds = new Date(Date.now() + 30_000).toUTCString();
    fake.enqueue(
      { kind: 'error', status: 429, headers: { 'retry-after-ms': '750', 'retry-after': '9' } },
      { kind: 'error', status: 429, headers: { 'retry-after': inThirtySeconds } },
      { kind: 'json', value: { answer: 'no' } },
    );
    const model = new RetryingModel(modelFor(fake), { sleep });
    await model.complete(request);
    expect(sleeps[0]).toBe(750);
    expect(sleeps[1]).toBeGreaterThan(20_000);
    expect(sleeps[1]).toBeLessThanOrEqual(30_000);
  });

  it('backs off exponentially with jitter on 500s', async () => {
    fake.enqueue(
      { kind: 'error', status: 500 },
      { kind: 'error', status: 502 },
      { kind: 'error', status: 503 },
      { kind: 'json', value: { answer: 'yes' } },
    );
    const model = new RetryingModel(modelFor(fake), { sleep, random: () => 1, baseDelayMs: 100 });
    await model.complete(request);
    expect(sleeps).toEqual([100, 200, 400]);
    const jittered: number[] = [];
    fake.enqueue({ kind: 'error', status: 500 }, { kind: 'json', value: { answer: 'yes' } });
    await new RetryingModel(modelFor(fake), {
      sleep: async (ms) => void jittered.push(ms),
      random: () => 0,
      baseDelayMs: 100,
    }).complete(request);
    expect(jittered).toEqual([50]);
  });

  it('gives up after maxAttempts with a message saying what happened', async () => {
    for (let i = 0; i < 5; i++) fake.enqueue({ kind: 'error', status: 429, headers: { 'retry-after': '2' } });
    const error = await new RetryingModel(modelFor(fake), { sleep, maxAttempts: 5 })
      .complete(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelBehaviorError);
    expect((error as ModelBehaviorError).code).toBe('llm.rate_limited');
    expect((error as Error).message).toContain('was rate limited 5 times; last Retry-After 2s');
    expect(fake.chatRequests).toHaveLength(5);
    expect(sleeps).toHaveLength(4);
  });

  it('retries rate limits by the clock, not a count: past five attempts within 90 s, never past the budget', async () => {
    const clock = new ManualClock();
    const timed = () => new RetryingModel(modelFor(fake), { clock, random: () => 0.5 });
    // Eight 429s, each saying "2 s": from the second on the waits grow (2, 2, 2, 3, 6, 12, 22.5, 22.5 s; 72 s in all).
    for (let i = 0; i < 8; i++) fake.enqueue({ kind: 'error', status: 429, headers: { 'retry-after': '2' } });
    fake.enqueue({ kind: 'json', value: { answer: 'yes' } });
    expect((await timed().complete(request)).value).toEqual({ answer: 'yes' });
    expect(fake.chatRequests).toHaveLength(9);
    expect(clock.time).toBe(72_000);

    // A ninth wait (22.5 s more, 94.5 s after the first 429) would overrun the 90 s budget: it gives up instead.
    fake.reset();
    clock.time = 0;
    for (let i = 0; i < 12; i++) fake.enqueue({ kind: 'error', status: 429, headers: { 'retry-after': '2' } });
    const error = await timed()
      .complete(request)
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain('was rate limited 9 times');
    expect(fake.chatRequests).toHaveLength(9);
    expect(clock.time).toBe(72_000);
  });

  it('retries a call that hangs past the timeout', async () => {
    fake.enqueue({ kind: 'hang' }, { kind: 'json', value: { answer: 'no' } });
    const model = new RetryingModel(modelFor(fake, { timeoutMs: 150 }), { sleep });
    expect((await model.complete(request)).value).toEqual({ answer: 'no' });
    expect(fake.chatRequests.map((r) => r.answer)).toEqual(['hang', 200]);
  });

  it('retries malformed output after the repair attempt failed', async () => {
    fake.enqueue(
      { kind: 'text', text: 'maybe' },
      { kind: 'text', text: 'perhaps' },
      { kind: 'json', value: { answer: 'yes' } },
    );
    const model = new RetryingModel(modelFor(fake), { sleep });
    expect((await model.complete(request)).value).toEqual({ answer: 'yes' });
    expect(fake.chatRequests).toHaveLength(3);
  });

  it('does not retry requests the provider rejects', async () => {
    fake.enqueue({ kind: 'error', status: 400, message: 'messages must not be empty' });
    const error = await new RetryingModel(modelFor(fake), { sleep }).complete(request).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'llm.request_rejected' });
    expect(sleeps).toEqual([]);
  });

  it('stops waiting when the signal fires', async () => {
    fake.enqueue({ kind: 'error', status: 503 }, { kind: 'json', value: { answer: 'yes' } });
    const controller = new AbortController();
    const model = new RetryingModel(modelFor(fake), {
      sleep: async () => controller.abort(),
    });
    const error = await model.complete({ ...request, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(fake.chatRequests).toHaveLength(1);
  });
});
