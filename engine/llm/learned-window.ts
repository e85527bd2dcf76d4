/** Requests accepted in the window before a first 429 for it to teach a limit. */
const MIN_EVIDENCE = 2;
/** Windows without a 429 after which a learned limit is forgotten (a provider lying about Retry-After pays one burst). */
const FORGET_AFTER_WINDOWS = 5;

/**
 * The provider's request window as learned from its 429s, for providers that send no `x-ratelimit-*`
 * headers. Without headers a limit is taken to be per minute (what OpenAI-compatible providers mean by
 * RPM), so the first 429 already stops the burst: from then on no more requests start in any 60 s than
 * the provider had accepted in the 60 s before it. Its `Retry-After` is only a lower bound (the gate
 * pauses for it too): a proxy answering "1 s" while its window is a minute is not believed. The cost falls
 * on an honest per-second provider, which is paced per minute once it has said 429 (bench/provider-window
 * prints it). Each later 429 can only lower the limit; a first 429 with fewer than two requests accepted in
 * the window teaches nothing, and a limit is forgotten after five windows without a 429. Once a response carries rate-limit headers, those
 * (`WindowBudget`) say more, and this stays out of the way.
 *
 * @example
 *   const window = new LearnedWindow(60_000);
 *   await clock.sleep(window.waitMs(clock.now()));
 *   window.started(startedAt); // counted at once, so concurrent requests see each other
 *   window.refused(startedAt, now); // on a 429: not counted; the limit is what was accepted in the last 60 s
 */
export class LearnedWindow {
  /**
   * The requests sent and not refused, within the last window: the start time while in flight, the answer
   * time once answered (the provider counted it somewhere in between; the later time is the safe one).
   */
  private readonly starts: number[] = [];
  private limit?: number;
  private lastRefusedAt = 0;
  private ignored = false;
  /** Starts are spaced this much beyond the window: our start times are not quite the provider's arrival times. */
  readonly marginMs: number;

  constructor(private readonly windowMs: number) {
    this.marginMs = Math.round(windowMs / 50);
  }

  /** A request starts at `at` (counted as accepted unless `refused` says otherwise). */
  started(at: number): void {
    if (this.ignored) return;
    this.starts.push(at);
  }

  /** The request that started at `at` was answered (not 429) at `now`. */
  answered(at: number, now: number): void {
    if (this.ignored) return;
    const index = this.starts.lastIndexOf(at);
    if (index >= 0) this.starts.splice(index, 1);
    this.starts.push(now);
    this.starts.sort((a, b) => a - b);
  }

  /**
   * The request that started at `at` was answered 429 at `now`: the provider's window held what it had
   * accepted in the last window (requests still in flight count as accepted until they are refused too).
   */
  refused(at: number, now: number = at): void {
    if (this.ignored) return;
    const index = this.starts.lastIndexOf(at);
    if (index >= 0) this.starts.splice(index, 1);
    this.prune(now);
    const inWindow = this.starts.filter((time) => time > now - this.windowMs && time <= now).length;
    // Before any limit is learned, one accepted request (or none) says nothing about a per-minute limit: a
    // stray refusal on a quiet process must not pace it at one request a minute (its Retry-After still
    // holds the gate). Once learned, each refusal may lower it.
    if (this.limit === undefined && inWindow < MIN_EVIDENCE) return;
    this.limit = Math.max(1, Math.min(this.limit ?? Number.POSITIVE_INFINITY, inWindow));
    this.lastRefusedAt = now;
  }

  /** The provider reports its limits in headers: those are followed instead. */
  headersSeen(): void {
    this.ignored = true;
    this.limit = undefined;
    this.starts.length = 0;
  }

  /** How long a request must wait before it may start (0: now). */
  waitMs(now: number): number {
    if (this.limit !== undefined && now - this.lastRefusedAt > FORGET_AFTER_WINDOWS * this.windowMs)
      this.limit = undefined;
    if (this.ignored || this.limit === undefined) return 0;
    this.prune(now);
    if (this.starts.length < this.limit) return 0;
    const oldestCounted = this.starts[this.starts.length - this.limit];
    return Math.max(0, oldestCounted + this.windowMs + this.marginMs - now);
  }

  /** Forgets starts that no longer count in any window that matters now. */
  private prune(now: number): void {
    while (this.starts.length && this.starts[0] <= now - this.windowMs - this.marginMs) this.starts.shift();
  }
}
