/**
 * Per-conversation send queue: posts to one channel leave in the order they were queued, no
 * faster than Slack's pace (about one message per second per channel), and a rate-limit answer
 * makes the queue wait `Retry-After` and send the same message again — nothing is lost or
 * reordered. Different channels proceed independently.
 *
 * @example
 *   const queue = new ChannelSendQueue({ minIntervalMs: 1000 });
 *   const ts = await queue.enqueue('C123', () => client.chat.postMessage({ channel: 'C123', text }));
 */
export interface SendQueueOptions {
  /** Minimum gap between two sends to the same channel. */
  minIntervalMs: number;
  /** How many rate-limit answers one message may get before the error is passed on. */
  maxRateLimitRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Recognises Slack's rate-limit error and how long it asks us to wait. */
export function retryAfterMs(error: unknown): number | undefined {
  const candidate = error as { code?: string; retryAfter?: number } | undefined;
  if (candidate?.code === 'slack_webapi_rate_limited_error' && typeof candidate.retryAfter === 'number') {
    return candidate.retryAfter * 1000;
  }
  return undefined;
}

export class ChannelSendQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly lastSentAt = new Map<string, number>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private rateLimitHits = 0;

  constructor(private readonly options: SendQueueOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
  }

  /** How many 429 answers the queue has waited out so far. */
  get rateLimitedCount(): number {
    return this.rateLimitHits;
  }

  /** Queues `send` behind earlier sends to `channel`; resolves with its result. */
  enqueue<T>(channel: string, send: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(channel) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.sendPaced(channel, send));
    this.tails.set(channel, next);
    void next
      .finally(() => {
        if (this.tails.get(channel) === next) this.tails.delete(channel);
      })
      .catch(() => undefined);
    return next;
  }

  /** Resolves when everything queued so far has been sent (or failed). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.tails.values()]);
  }

  private async sendPaced<T>(channel: string, send: () => Promise<T>): Promise<T> {
    const maxRetries = this.options.maxRateLimitRetries ?? 10;
    for (let attempt = 0; ; attempt++) {
      const wait = (this.lastSentAt.get(channel) ?? -Infinity) + this.options.minIntervalMs - this.now();
      if (wait > 0) await this.sleep(wait);
      // The gap is measured from the answer of one send to the start of the next: the platform
      // received the previous message before it answered, so two arrivals are never closer than
      // the interval (timing from the request start lets network jitter cause 429s).
      try {
        const result = await send();
        this.lastSentAt.set(channel, this.now());
        return result;
      } catch (error) {
        this.lastSentAt.set(channel, this.now());
        const delay = retryAfterMs(error);
        if (delay === undefined || attempt >= maxRetries) throw error;
        this.rateLimitHits += 1;
        await this.sleep(delay);
      }
    }
  }
}
