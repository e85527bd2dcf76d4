/**
 * Keeps acknowledgements ahead of work, on every surface. Inbound requests being received and
 * acknowledged are counted (Slack HTTP requests and Socket Mode envelopes, Discord interactions
 * until their defer went out, Teams activities until the connector got its 200); background work
 * (store reads and writes, model calls, chart rendering — much of it synchronous SQLite and CPU
 * work on the one event loop) waits until no acknowledgement is pending and none arrived for
 * `quietMs`, or at most `maxWaitMs`. A burst of commands is acknowledged first and worked on after,
 * and a running job pauses at its next post while a new acknowledgement is due.
 *
 * @example
 *   gate.enter(); res.on('close', () => gate.leave());   // in the HTTP server
 *   await gate.clear();                                   // before the handling of a command
 */
export class AckGate {
  private pending = 0;
  private lastActivity = Number.NEGATIVE_INFINITY;
  private waiters: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param maxWaitMs longest a piece of work is held back (so a steady stream of requests cannot starve it)
   * @param quietMs how long after the last acknowledgement work stays held (the rest of a burst is still arriving)
   */
  constructor(
    private readonly maxWaitMs = 2_000,
    private readonly quietMs = 25,
  ) {}

  /** A request that must be acknowledged arrived. */
  enter(): void {
    this.pending++;
    this.lastActivity = performance.now();
  }

  /** Its acknowledgement went out (or the request ended). */
  leave(): void {
    this.pending = Math.max(0, this.pending - 1);
    this.lastActivity = performance.now();
    if (this.pending === 0) this.scheduleRelease();
  }

  /** Resolves once no acknowledgement is pending and the gate was quiet for `quietMs` (checked after pending I/O got its turn). */
  async clear(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.isQuiet()) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== done);
        resolve();
      }, this.maxWaitMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(done);
      if (this.pending === 0) this.scheduleRelease();
    });
  }

  /** Stops the release timer (the surface is closing); held work is let through. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.release();
  }

  private isQuiet(): boolean {
    return this.pending === 0 && performance.now() - this.lastActivity >= this.quietMs;
  }

  private scheduleRelease(): void {
    if (this.timer || !this.waiters.length) return;
    const wait = Math.max(0, this.quietMs - (performance.now() - this.lastActivity));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.isQuiet()) this.release();
      else if (this.pending === 0) this.scheduleRelease();
    }, wait);
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    // One at a time: each started piece of work gets a tick before the next, acks arriving meanwhile go first.
    for (const waiter of waiters) setImmediate(waiter);
  }
}
