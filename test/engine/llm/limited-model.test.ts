import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LimitedModel } from '../../../engine/llm/limited-model.js';
import { providerError } from '../../../engine/llm/provider-errors.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from '../../../engine/llm/port.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../../fakes/openai-server.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';
import { ManualClock, modelFor } from './helpers.js';

const schema = z.object({ answer: z.string() });
const ask = (i: number, content = `question ${i}`) => ({
  task: 'poll.answer',
  messages: [{ role: 'user' as const, content }],
  schema,
});

/** Records when (on the manual clock) each call reached the inner model. */
class StartRecorder implements LanguageModel {
  readonly name = 'recorder';
  readonly offline = true;
  readonly starts: number[] = [];
  private readonly inner = new ScriptedModel({ 'poll.answer': { answer: 'ok' } });
  constructor(private readonly clock: ManualClock) {}
  complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    this.starts.push(this.clock.now());
    return this.inner.complete(request);
  }
}

describe('LimitedModel', () => {
  let fake: FakeOpenAIServer;
  beforeAll(async () => {
    fake = await startFakeOpenAIServer({ latencyMs: 20, respond: () => ({ kind: 'json', value: { answer: 'ok' } }) });
  });
  afterAll(() => fake.close());

  it('never has more calls in flight at the provider than its concurrency limit', async () => {
    const model = new LimitedModel(modelFor(fake), { maxConcurrency: 3 });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => model.complete(ask(i))));
    expect(results).toHaveLength(12);
    expect(fake.chatRequests).toHaveLength(12);
    expect(fake.maxInFlight).toBe(3);
  });

  it('spreads requests evenly under an RPM limit instead of bursting', async () => {
    const clock = new ManualClock();
    const recorder = new StartRecorder(clock);
    const model = new LimitedModel(recorder, { maxConcurrency: 50, rpm: 60, headroom: 1, clock });
    const all = Promise.all(Array.from({ length: 5 }, (_, i) => model.complete(ask(i))));
    await clock.advance(10_000);
    await all;
    expect(recorder.starts).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it('keeps below the cap by its headroom', async () => {
    const clock = new ManualClock();
    const recorder = new StartRecorder(clock);
    const model = new LimitedModel(recorder, { maxConcurrency: 100, rpm: 100, clock });
    const all = Promise.all(Array.from({ length: 200 }, (_, i) => model.complete(ask(i))));
    await clock.advance(60_000);
    const inFirstMinute = recorder.starts.filter((t) => t < 60_000).length;
    expect(inFirstMinute).toBeLessThanOrEqual(100);
    expect(inFirstMinute).toBeGreaterThanOrEqual(90);
    await clock.advance(120_000);
    await all;
  });

  it('paces by estimated tokens under a TPM limit', async () => {
    const clock = new ManualClock();
    const recorder = new StartRecorder(clock);
    // Each request is estimated at its prompt plus maxTokens ≈ 1,000 tokens; 6,000 TPM ≈ one every 10 s after a 6 s burst allowance.
    const model = new LimitedModel(recorder, { maxConcurrency: 50, tpm: 6_000, headroom: 1, clock });
    const all = Promise.all(Array.from({ length: 4 }, (_, i) => model.complete({ ...ask(i), maxTokens: 1_000 })));
    await clock.advance(60_000);
    await all;
    const gaps = recorder.starts.slice(1).map((t, i) => t - recorder.starts[i]);
    expect(recorder.starts[0]).toBe(0);
    expect(gaps.at(-1)).toBeGreaterThan(9_000);
  });

  it('holds every new start back until a 429 Retry-After has passed', async () => {
    const clock = new ManualClock();
    const recorder = new StartRecorder(clock);
    let first = true;
    const flaky: LanguageModel = {
      name: 'flaky',
      offline: true,
      complete: (request) => {
        if (first) {
          first = false;
          return Promise.reject(providerError('rate_limited', 'slow down', { status: 429, retryAfterMs: 5_000 }));
        }
        return recorder.complete(request);
      },
    };
    const model = new LimitedModel(flaky, { maxConcurrency: 4, rpm: 600, clock });
    await expect(model.complete(ask(0))).rejects.toMatchObject({ code: 'llm.rate_limited' });
    const next = model.complete(ask(1));
    await clock.advance(4_000);
    expect(recorder.starts).toEqual([]);
    await clock.advance(2_000);
    await next;
    expect(recorder.starts[0]).toBeGreaterThanOrEqual(5_000);
  });
});
