import type { RetryNotice } from './retrying-model.js';

/** Hears the retry notices of one job's calls. */
export type RetryListener = (notice: RetryNotice) => void;

/**
 * The channel from the retrying decorator to whoever shows a job's progress: the model publishes
 * each backoff with the call's attribution, a job subscribes by its id while it runs. Built once in
 * the composition root and handed to both sides.
 *
 * @example
 *   const notices = new RetryNotices();
 *   const model = createLanguageModel(config, { notices });
 *   const stop = notices.subscribe(job.id, (n) => progress(`rate limited by the provider, retrying in ${n.delayMs / 1000} s`));
 */
export class RetryNotices {
  private readonly listeners = new Map<string, Set<RetryListener>>();

  /** Listens to the notices of calls attributed to `jobId`; returns the unsubscribe function. */
  subscribe(jobId: string, listener: RetryListener): () => void {
    const set = this.listeners.get(jobId) ?? new Set<RetryListener>();
    set.add(listener);
    this.listeners.set(jobId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(jobId) === set) this.listeners.delete(jobId);
    };
  }

  /** Passes a notice to the listeners of its job (none for unattributed calls). */
  publish(notice: RetryNotice): void {
    const jobId = notice.attribution?.jobId;
    if (!jobId) return;
    for (const listener of this.listeners.get(jobId) ?? []) listener(notice);
  }
}

/** "rate limited by the provider, retrying in 20 s" (or "the provider failed, …") for a progress line. */
export function describeRetry(notice: RetryNotice): string {
  const seconds = Math.max(1, Math.round(notice.delayMs / 1000));
  const code = (notice.error as { code?: string }).code;
  const reason =
    code === 'llm.rate_limited'
      ? 'rate limited by the provider'
      : code === 'llm.invalid_output'
        ? 'the model answered in the wrong format'
        : 'the provider failed';
  return `${reason}, retrying in ${seconds} s`;
}
