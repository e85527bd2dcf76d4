import { describeRetry, type RetryNotices } from '../../engine/llm/retry-notices.js';

/** At most one progress edit per this many ms for retry notices (a 12-persona step may retry 12 calls at once). */
const MIN_EDIT_INTERVAL_MS = 3_000;

/**
 * Shows a job's retries on its progress message ("… — rate limited by the provider, retrying in
 * 20 s") while they happen; returns the unsubscribe function.
 *
 * @example
 *   const stop = showRetries(notices, job.id, (note) => context.annotate(note));
 */
export function showRetries(
  notices: RetryNotices,
  jobId: string,
  annotate: (note: string) => Promise<void>,
  now: () => number = Date.now,
): () => void {
  let lastEdit = Number.NEGATIVE_INFINITY;
  let lastNote = '';
  return notices.subscribe(jobId, (notice) => {
    const note = describeRetry(notice);
    const time = now();
    if (note === lastNote && time - lastEdit < MIN_EDIT_INTERVAL_MS) return;
    lastEdit = time;
    lastNote = note;
    void annotate(note).catch(() => undefined);
  });
}
