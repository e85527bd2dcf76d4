import type { LimitReading } from './rate-limit-headers.js';

/**
 * Paces starts by what the provider last said was left in its window, so a deployment with no
 * `LLM_RPM`/`LLM_TPM` configured still stays under the provider's limits. Units are requests or
 * tokens. A reading from a response covers the work started before that request; work started
 * since is subtracted from it. When nothing is left, starts wait for the reset.
 *
 * @example
 *   const budget = new WindowBudget(60_000);
 *   const ticket = budget.take(1, now); // before sending
 *   budget.learn(ticket, { remaining: 0, resetMs: 20_000 }, now); // from the response headers
 *   budget.waitMs(1, now); // 20000
 */
export class WindowBudget {
  /** Units handed out so far; a ticket is the running total when its work started. */
  private taken = 0;
  /** Tickets sent but not answered yet. */
  private readonly outstanding = new Set<number>();
  private reading?: { ticket: number; remaining: number; resetAt: number; limit?: number };

  constructor(private readonly windowMs: number) {}

  /** How long work of `units` must wait before it may start (0: now). */
  waitMs(units: number, now: number): number {
    const reading = this.reading;
    if (!reading) return 0;
    const left = reading.remaining - (this.taken - reading.ticket);
    if (left >= units) return 0;
    if (now < reading.resetAt) return reading.resetAt - now;
    // The window moved on. Without a known limit, nothing more is known: forget the reading. With
    // one, release one share and expect the next a share of the window later (a sliding window frees
    // slots one by one), until a fresh reading arrives.
    if (!reading.limit) {
      this.reading = undefined;
      return 0;
    }
    reading.remaining += units - left;
    reading.resetAt = now + (this.windowMs / reading.limit) * Math.max(1, units);
    return 0;
  }

  /** Books `units` of work starting now; returns the ticket to pass to `learn` with its response. */
  take(units: number): number {
    this.taken += units;
    this.outstanding.add(this.taken);
    return this.taken;
  }

  /** The work with `ticket` was answered (or failed); call after `learn`. */
  settle(ticket: number): void {
    this.outstanding.delete(ticket);
  }

  /** Nothing may start for `ms` (a 429's Retry-After), whatever earlier readings said. */
  block(ms: number, now: number): void {
    const resetAt = Math.max(now + ms, this.reading?.resetAt ?? 0);
    this.reading = { ticket: this.taken, remaining: 0, resetAt, limit: this.reading?.limit };
  }

  /** Records what the response to the work with `ticket` said; older readings never replace newer ones. */
  learn(ticket: number, reading: LimitReading, now: number): void {
    if (this.reading && ticket < this.reading.ticket) return;
    // Work sent before this ticket but still unanswered may reach the provider after it (requests
    // overtake each other), so the reading may not count it yet: count it as spent.
    let overtaken = 0;
    for (const other of this.outstanding) if (other < ticket) overtaken++;
    this.reading = {
      ticket,
      remaining: reading.remaining - overtaken,
      resetAt: now + reading.resetMs,
      limit: reading.limit,
    };
  }
}
