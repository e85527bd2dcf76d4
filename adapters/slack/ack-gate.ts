/**
 * Keeps acknowledgements ahead of work. Slack requests being received and acknowledged are
 * counted; background handling (store reads, model calls, chart rendering — much of it
 * synchronous SQLite and CPU work on the one event loop) waits until no acknowledgement is
 * pending, or at most `maxWaitMs`, so a burst of commands is acknowledged first and worked on after.
 *
 * @example
 *   gate.enter(); res.on('close', () => gate.leave());   // in the HTTP server
 *   await gate.clear();                                   // before the handling of a command
 */
export class AckGate {
  private pending = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly maxWaitMs = 1_000) {}

  /** A request that must be acknowledged arrived. */
  enter(): void {
    this.pending++;
  }

  /** Its acknowledgement went out (or the request ended). */
  leave(): void {
    this.pending = Math.max(0, this.pending - 1);
    if (this.pending === 0) this.release();
  }

  /** Resolves once no acknowledgement is pending (checked after pending I/O got its turn). */
  async clear(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.pending === 0) return;
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
    });
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    // One at a time: each started piece of work gets a tick before the next, acks arriving meanwhile go first.
    for (const waiter of waiters) setImmediate(waiter);
  }
}
