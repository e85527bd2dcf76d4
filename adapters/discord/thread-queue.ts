/**
 * One send queue per Discord channel or thread: posts leave in the order they were queued, one
 * at a time, so persona answers appear in the engine's order even when discord.js's REST manager
 * holds a request back for a 429 (it waits `retry_after` and re-sends; the queue simply waits
 * for it). Different threads proceed independently.
 *
 * @example
 *   const queue = new ThreadSendQueue();
 *   await queue.enqueue(threadId, () => rest.post(Routes.channelMessages(threadId), { body }));
 */
export class ThreadSendQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Queues `send` behind earlier sends to `channelId`; resolves with its result. */
  enqueue<T>(channelId: string, send: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(channelId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(send);
    this.tails.set(channelId, next);
    void next
      .finally(() => {
        if (this.tails.get(channelId) === next) this.tails.delete(channelId);
      })
      .catch(() => undefined);
    return next;
  }

  /** Resolves when everything queued so far has been sent (or failed). */
  async drain(): Promise<void> {
    while (this.tails.size) await Promise.allSettled([...this.tails.values()]);
  }
}
