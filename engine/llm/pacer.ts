/**
 * Generic cell-rate pacing (GCRA): each unit of work occupies `emissionMs` of a virtual timeline,
 * so starts are spread evenly instead of bursting at the top of each minute. `toleranceMs` lets a
 * request start that much ahead of its slot (a small burst allowance).
 *
 * @example
 *   const pacer = new Pacer(60_000 / 600, 0); // 600 per minute, evenly spaced
 *   const startAt = pacer.reserve(1, clock.now());
 */
export class Pacer {
  /** Theoretical arrival time of the next unit. */
  private tat = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly emissionMs: number,
    private readonly toleranceMs: number,
  ) {}

  /** Books `units` and returns when they may start (>= now). Reservations are served in call order. */
  reserve(units: number, now: number): number {
    const startAt = Math.max(now, this.tat - this.toleranceMs);
    this.tat = Math.max(this.tat, startAt) + units * this.emissionMs;
    return startAt;
  }

  /** Nothing may start before `until` (e.g. the provider said Retry-After). */
  pauseUntil(until: number): void {
    this.tat = Math.max(this.tat, until + this.toleranceMs);
  }
}

/** FIFO counting semaphore with cancellable waits. */
export class Semaphore {
  private active = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  get inUse(): number {
    return this.active;
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    if (this.active < this.limit && this.waiters.length === 0) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = this.waiters.indexOf(grant);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      this.waiters.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  release(): void {
    const next = this.waiters.shift();
    // Hand the slot straight to the next waiter so `active` never dips and a newcomer cannot jump the queue.
    if (next) next();
    else this.active--;
  }
}
