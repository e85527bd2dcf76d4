import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CancelledError } from '../../../engine/errors.js';
import { CachingModel } from '../../../engine/llm/caching-model.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from '../../../engine/llm/port.js';
import { MemoryCacheStore } from './helpers.js';

/** A model whose calls wait until released, and fail with CancelledError when their own signal aborts. */
class GatedModel implements LanguageModel {
  readonly name = 'gated';
  readonly offline = true;
  calls = 0;
  private releases: (() => void)[] = [];
  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    this.calls++;
    const call = this.calls;
    await new Promise<void>((resolve, reject) => {
      this.releases.push(resolve);
      request.signal?.addEventListener('abort', () => reject(new CancelledError()), { once: true });
    });
    return {
      value: request.schema.parse({ answer: `call ${call}` }),
      model: this.name,
      usage: { inputTokens: 1, outputTokens: 1, latencyMs: 0, cached: false },
    };
  }
  releaseAll(): void {
    for (const release of this.releases.splice(0)) release();
  }
}

const request = {
  task: 'poll.answer',
  messages: [{ role: 'user' as const, content: 'Would you pay $5?' }],
  schema: z.object({ answer: z.string() }),
};
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('CachingModel in-flight sharing and cancellation', () => {
  it("does not fail a twin request when only the first caller's signal is aborted", async () => {
    const inner = new GatedModel();
    const model = new CachingModel(inner, new MemoryCacheStore());
    const controller = new AbortController();
    const first = model.complete({ ...request, signal: controller.signal }).catch((error: unknown) => error);
    const second = model.complete(request);
    await tick();
    controller.abort();
    expect(await first).toBeInstanceOf(CancelledError);
    await tick();
    inner.releaseAll();
    const result = await second;
    expect(result.value.answer).toBe('call 2');
    expect(result.usage.cached).toBe(false);
  });

  it("cancels a waiting twin when the twin's own signal aborts, leaving the shared call running", async () => {
    const inner = new GatedModel();
    const model = new CachingModel(inner, new MemoryCacheStore());
    const first = model.complete(request);
    const controller = new AbortController();
    const twin = model.complete({ ...request, signal: controller.signal }).catch((error: unknown) => error);
    await tick();
    controller.abort();
    expect(await twin).toBeInstanceOf(CancelledError);
    inner.releaseAll();
    expect((await first).value.answer).toBe('call 1');
    expect(inner.calls).toBe(1);
  });
});
