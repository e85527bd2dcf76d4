/**
 * The provider's request window as learned from its repeated 429s, for providers that send no
 * `x-ratelimit-*` headers. A first 429 is taken at its word (its `Retry-After` pauses the gate). A 429 for a
 * request sent after that pause ran out proves the `Retry-After` shorter than the real window (a proxy
 * answering "1 s" while its window is 60 s): from then on, no more requests start in any minute than the
 * provider had accepted in the minute before. Once a response carries rate-limit headers, those
 * (`WindowBudget`) say more, and this stays out of the way.
 *
 * @example
 *   const window = new LearnedWindow(60_000);
 *   await clock.sleep(window.waitMs(clock.now()));
 *   window.started(startedAt); // counted at once, so concurrent requests see each other
 *   window.refused(startedAt, now, retryAfterMs); // on a 429: not counted; a repeated one sets the limit
 */
export class LearnedWindow {
  /**
   * The requests sent and not refused, within the last window: the start time while in flight, the answer
   * time once answered (the provider counted it somewhere in between; the later time is the safe one).
   */
  private readonly starts: number[] = [];
  private limit?: number;
  private ignored = false;
  /** Until when the last 429 asked for a pause. */
  private pausedUntil?: number;
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
   * The request that started at `at` was answered 429 at `now` with a pause of `pauseMs`. When it was sent
   * after an earlier 429's pause had run out, the provider's window held what it had accepted before it.
   */
  refused(at: number, now: number = at, pauseMs = 0): void {
    if (this.ignored) return;
    const index = this.starts.lastIndexOf(at);
    if (index >= 0) this.starts.splice(index, 1);
    this.prune(now);
    if (this.pausedUntil !== undefined && at >= this.pausedUntil) {
      const inWindow = this.starts.filter((time) => time > at - this.windowMs && time <= now).length;
      this.limit = Math.max(1, Math.min(this.limit ?? Number.POSITIVE_INFINITY, inWindow));
    }
    this.pausedUntil = Math.max(this.pausedUntil ?? 0, now + pauseMs);
  }

  /** The provider reports its limits in headers: those are followed instead. */
  headersSeen(): void {
    this.ignored = true;
    this.limit = undefined;
    this.starts.length = 0;
  }

  /** How long a request must wait before it may start (0: now). */
  waitMs(now: number): number {
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
