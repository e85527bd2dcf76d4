import { CancelledError, throwIfAborted } from '../errors.js';
import { type Clock, systemClock } from './clock.js';
import { SignalLinks } from './linked-signal.js';
import { Pacer, Semaphore } from './pacer.js';
import { readRateLimitHeaders } from './rate-limit-headers.js';
import { LearnedWindow } from './learned-window.js';
import { WindowBudget } from './window-budget.js';

/** Limits for one provider account. */
export interface LimitOptions {
  /** Requests in flight at once (default 8). */
  maxConcurrency?: number;
  /** Requests per minute; starts are spread evenly over the minute. */
  rpm?: number;
  /** Tokens per minute (prompt estimate + maxTokens). */
  tpm?: number;
  /**
   * Fraction of `rpm`/`tpm` actually used (default 0.95): even spacing plus network jitter can put
   * rpm+1 arrivals in some provider window, so we keep a little below the cap.
   */
  headroom?: number;
  /** Output tokens assumed when a request sets no maxTokens (default 512). */
  defaultOutputTokens?: number;
  /** Injected for tests and benches (e.g. a scaled clock). */
  clock?: Clock;
}

/** What the gate learns from one answered (or refused) request. */
export interface GateFeedback {
  headers?: Headers;
  /** The provider answered 429; nothing starts for this long (its Retry-After, or the header reset). */
  rateLimitedForMs?: number;
}

/**
 * Admits HTTP requests to one provider account: a concurrency limit, requests- and tokens-per-minute
 * pacing (`LLM_RPM`/`LLM_TPM`), and, whether or not those are set, what the provider's own
 * `x-ratelimit-*` headers say is left. One gate is shared by every request of a deployment, so
 * repairs and format fallbacks inside one `complete()` queue for a slot like any other request.
 *
 * @example
 *   const gate = new RequestGate({ maxConcurrency: 8, rpm: 500 });
 *   const answer = await gate.run(1200, signal, async (report) => {
 *     const { data, response } = await client.chat.completions.create(body).withResponse();
 *     report({ headers: response.headers });
 *     return data;
 *   });
 */
export class RequestGate {
  readonly clock: Clock;
  readonly defaultOutputTokens: number;
  private readonly slots: Semaphore;
  private readonly requests?: Pacer;
  private readonly tokens?: Pacer;
  private readonly requestWindow = new WindowBudget(60_000);
  private readonly tokenWindow = new WindowBudget(60_000);
  /** For providers without rate-limit headers: the window learned from their 429s. */
  private readonly learnedWindow = new LearnedWindow(60_000);
  private tokenHeadersSeen = false;
  /** Waiting requests listen on a signal of their own, so a job's shared signal keeps one listener. */
  private readonly signals = new SignalLinks();

  constructor(options: LimitOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.defaultOutputTokens = options.defaultOutputTokens ?? 512;
    this.slots = new Semaphore(Math.max(1, options.maxConcurrency ?? 8));
    const headroom = options.headroom ?? 0.95;
    if (options.rpm) {
      const spacing = 60_000 / (options.rpm * headroom);
      // One or two requests of catch-up absorb late timers (event-loop lag) without lasting loss;
      // kept within a quarter of the headroom so no 60 s window can exceed the cap, and tiny so
      // the provider never sees a real burst.
      const burst = Math.min(2, Math.floor(((1 - headroom) * options.rpm) / 4));
      this.requests = new Pacer(spacing, burst * spacing);
    }
    // Token costs vary a lot per call, so allow a tenth of a minute of burst to avoid stalling on one big prompt.
    if (options.tpm) this.tokens = new Pacer(60_000 / (options.tpm * headroom), 6_000);
  }

  /** True when a token estimate matters (a TPM limit, or the provider reports token limits). */
  get countsTokens(): boolean {
    return this.tokens !== undefined || this.tokenHeadersSeen;
  }

  /** Requests currently holding a concurrency slot (including those waiting for their rate slot). */
  get inFlight(): number {
    return this.slots.inUse;
  }

  /**
   * Runs one request once a slot and the rate limits allow; `call` reports the response's headers
   * (and a 429) through the callback it gets.
   */
  async run<R>(
    tokenEstimate: number,
    signal: AbortSignal | undefined,
    call: (report: (feedback: GateFeedback) => void) => Promise<R>,
  ): Promise<R> {
    throwIfAborted(signal);
    return this.signals.run(signal, (own) => this.admit(tokenEstimate, own, call));
  }

  private async admit<R>(
    tokenEstimate: number,
    signal: AbortSignal | undefined,
    call: (report: (feedback: GateFeedback) => void) => Promise<R>,
  ): Promise<R> {
    // Concurrency first, then pacing: pacing a request that then waits for a slot would let
    // queued requests start together later, which is exactly the burst the pacer prevents.
    await this.slots.acquire(signal).catch(() => {
      throw new CancelledError();
    });
    try {
      await this.waitForWindow(tokenEstimate, signal);
      const now = this.clock.now();
      const startAt = Math.max(this.requests?.reserve(1, now) ?? now, this.tokens?.reserve(tokenEstimate, now) ?? now);
      if (startAt > now) await this.clock.sleep(startAt - now, signal);
      // The last look at the windows and the booking below run in one turn: requests woken together
      // would otherwise all see the room only one of them may take.
      for (let wait = this.windowWaitMs(tokenEstimate); wait > 0; wait = this.windowWaitMs(tokenEstimate))
        await this.clock.sleep(wait, signal);
      const requestTicket = this.requestWindow.take(1);
      const tokenTicket = this.tokenWindow.take(tokenEstimate);
      const startedAt = this.clock.now();
      this.learnedWindow.started(startedAt);
      try {
        return await call((feedback) => this.learn(feedback, requestTicket, tokenTicket, startedAt));
      } finally {
        this.requestWindow.settle(requestTicket);
        this.tokenWindow.settle(tokenTicket);
      }
    } finally {
      this.slots.release();
    }
  }

  /**
   * How long the provider's windows hold a new request right now (0: it may start), e.g. a minute after a
   * 429 from a provider without rate-limit headers, whatever its Retry-After said: what a "retrying in …"
   * notice should say.
   */
  holdMs(): number {
    return Math.max(0, this.windowWaitMs(1));
  }

  /** Nothing starts before `ms` from now (a 429's Retry-After). */
  pause(ms: number): void {
    const until = this.clock.now() + ms;
    this.requests?.pauseUntil(until);
    this.tokens?.pauseUntil(until);
    this.requestWindow.block(ms, this.clock.now());
  }

  private async waitForWindow(tokenEstimate: number, signal: AbortSignal | undefined): Promise<void> {
    for (let wait = this.windowWaitMs(tokenEstimate); wait > 0; wait = this.windowWaitMs(tokenEstimate))
      await this.clock.sleep(wait, signal);
  }

  /** How long the provider's windows (headers, or learned from 429s) hold the next start (0: now). */
  private windowWaitMs(tokenEstimate: number): number {
    const now = this.clock.now();
    return Math.max(
      this.requestWindow.waitMs(1, now),
      this.tokenWindow.waitMs(tokenEstimate, now),
      this.learnedWindow.waitMs(now),
    );
  }

  private learn(feedback: GateFeedback, requestTicket: number, tokenTicket: number, startedAt: number): void {
    const now = this.clock.now();
    const readings = readRateLimitHeaders(feedback.headers);
    if (readings.requests || readings.tokens) this.learnedWindow.headersSeen();
    else if (feedback.rateLimitedForMs !== undefined) this.learnedWindow.refused(startedAt, now);
    else this.learnedWindow.answered(startedAt, now);
    if (readings.requests) this.requestWindow.learn(requestTicket, readings.requests, now);
    if (readings.tokens) {
      this.tokenHeadersSeen = true;
      this.tokenWindow.learn(tokenTicket, readings.tokens, now);
    }
    if (feedback.rateLimitedForMs !== undefined) this.pause(feedback.rateLimitedForMs);
  }
}
