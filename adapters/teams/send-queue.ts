/**
 * Per-conversation send queue for Teams: sends to one conversation leave in the order they were
 * queued and within Teams' per-conversation bot limits (by default at most 7 in any 1 s and 60 in
 * any 30 s, sliding windows); a 429 answer makes the queue wait `Retry-After` and send the same
 * activity again, so nothing is lost or reordered. Different conversations proceed independently.
 *
 * @example
 *   const queue = new ConversationSendQueue();
 *   const sent = await queue.enqueue('19:abc@thread.tacv2', () => api.conversations.createActivity(id, activity));
 */
export interface TeamsPacing {
  /** Sliding windows: at most `max` sends within any `ms`. */
  windows: { max: number; ms: number }[];
  /** How many 429 answers one send may get before the error is passed on. */
  maxRateLimitRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Teams' documented per-conversation limits for a bot. */
export const TEAMS_LIMITS: TeamsPacing['windows'] = [
  { max: 7, ms: 1000 },
  { max: 60, ms: 30_000 },
];

/** The wait a connector 429 asks for (Retry-After seconds or HTTP date; 1 s when absent); undefined for other errors. */
export function teamsRetryAfterMs(error: unknown, now = Date.now()): number | undefined {
  const response = (error as { response?: { status?: number; headers?: Record<string, unknown> } } | undefined)
    ?.response;
  if (response?.status !== 429) return undefined;
  const header = response.headers?.['retry-after'];
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined || raw === null || raw === '') return 1000;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(String(raw));
  return Number.isFinite(date) ? Math.max(0, date - now) : 1000;
}

export class ConversationSendQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly sentAt = new Map<string, number[]>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly windows: TeamsPacing['windows'];
  private rateLimitHits = 0;

  constructor(private readonly options: Partial<TeamsPacing> = {}) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.windows = options.windows ?? TEAMS_LIMITS;
  }

  /** How many 429 answers the queue has waited out so far. */
  get rateLimitedCount(): number {
    return this.rateLimitHits;
  }

  /** Queues `send` behind earlier sends to `conversation`; resolves with its result. */
  enqueue<T>(conversation: string, send: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(conversation) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.sendPaced(conversation, send));
    this.tails.set(conversation, next);
    void next
      .finally(() => {
        if (this.tails.get(conversation) === next) this.tails.delete(conversation);
      })
      .catch(() => undefined);
    return next;
  }

  /** Resolves when everything queued so far has been sent (or failed). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.tails.values()]);
  }

  /** How long to wait before the next send to `conversation` keeps every window. */
  private waitFor(conversation: string): number {
    const history = this.sentAt.get(conversation) ?? [];
    const now = this.now();
    let wait = 0;
    for (const window of this.windows) {
      const inWindow = history.filter((at) => at > now - window.ms);
      if (inWindow.length >= window.max)
        wait = Math.max(wait, inWindow[inWindow.length - window.max] + window.ms - now);
    }
    return wait;
  }

  private remember(conversation: string): void {
    const longest = Math.max(...this.windows.map((window) => window.ms));
    const now = this.now();
    const history = (this.sentAt.get(conversation) ?? []).filter((at) => at > now - longest);
    history.push(now);
    this.sentAt.set(conversation, history);
  }

  private async sendPaced<T>(conversation: string, send: () => Promise<T>): Promise<T> {
    const maxRetries = this.options.maxRateLimitRetries ?? 10;
    for (let attempt = 0; ; attempt++) {
      const wait = this.waitFor(conversation);
      if (wait > 0) await this.sleep(wait);
      this.remember(conversation);
      try {
        return await send();
      } catch (error) {
        const delay = teamsRetryAfterMs(error, this.now());
        if (delay === undefined || attempt >= maxRetries) throw error;
        this.rateLimitHits += 1;
        await this.sleep(delay);
      }
    }
  }
}
