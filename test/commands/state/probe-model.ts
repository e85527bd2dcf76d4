import type { CompletionRequest, CompletionResult, LanguageModel } from '../../../engine/llm/port.js';

/**
 * Wraps a real model and records how many different jobs had a call in flight at once (from each
 * call's attribution); each call is held a few milliseconds so overlapping jobs really overlap.
 */
export class JobConcurrencyProbe implements LanguageModel {
  readonly name: string;
  readonly offline: boolean;
  private readonly inFlight = new Map<string, number>();
  maxJobsAtOnce = 0;

  constructor(
    private readonly inner: LanguageModel,
    private readonly holdMs = 5,
  ) {
    this.name = inner.name;
    this.offline = inner.offline;
  }

  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    const job = request.attribution?.jobId ?? 'none';
    this.inFlight.set(job, (this.inFlight.get(job) ?? 0) + 1);
    this.maxJobsAtOnce = Math.max(this.maxJobsAtOnce, this.inFlight.size);
    try {
      await new Promise((resolve) => setTimeout(resolve, this.holdMs));
      return await this.inner.complete(request);
    } finally {
      const left = (this.inFlight.get(job) ?? 1) - 1;
      if (left) this.inFlight.set(job, left);
      else this.inFlight.delete(job);
    }
  }
}
