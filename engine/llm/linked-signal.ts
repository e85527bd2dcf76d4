/**
 * Runs `work` with a signal of its own that aborts when `parent` does, and unhooks it afterwards.
 * The `openai` client adds an abort listener to the signal of every request and never removes it,
 * so handing it a job's shared signal piles up one listener per request (Node's
 * MaxListenersExceededWarning); a fresh signal per request keeps the shared one at one listener at most
 * per request in flight.
 *
 * @example
 *   await withLinkedSignal(job.signal, (signal) => client.chat.completions.create(body, { signal }));
 */
export async function withLinkedSignal<R>(
  parent: AbortSignal | undefined,
  work: (signal: AbortSignal | undefined) => Promise<R>,
): Promise<R> {
  if (!parent) return work(undefined);
  const child = new AbortController();
  if (parent.aborted) child.abort(parent.reason);
  const forward = () => child.abort(parent.reason);
  parent.addEventListener('abort', forward, { once: true });
  try {
    return await work(child.signal);
  } finally {
    parent.removeEventListener('abort', forward);
  }
}
