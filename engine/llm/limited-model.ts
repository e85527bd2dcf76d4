import { CancelledError, throwIfAborted } from '../errors.js';
import { systemClock, type Clock } from './clock.js';
import { Pacer, Semaphore } from './pacer.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from './port.js';
import { ProviderError } from './provider-errors.js';
import { countMessageTokens } from './tokens.js';

/** Limits for one provider account. */
export interface LimitOptions {
  /** Calls in flight at once (default 8). */
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

/**
 * A concurrency limit plus requests-per-minute and tokens-per-minute pacing. Starts are spaced
 * evenly (a rate, not a burst per minute), so a steady load gets close to the cap without 429s;
 * a 429 with Retry-After pauses all new starts until then.
 *
 * @example
 *   const model = new LimitedModel(base, { maxConcurrency: 8, rpm: 500, tpm: 200_000 });
 */
export class LimitedModel implements LanguageModel {
  readonly name: string;
  readonly offline: boolean;
  readonly embed?: (texts: string[], signal?: AbortSignal) => Promise<number[][]>;
  private readonly slots: Semaphore;
  private readonly requests?: Pacer;
  private readonly tokens?: Pacer;
  private readonly clock: Clock;
  private readonly defaultOutputTokens: number;

  constructor(
    private readonly inner: LanguageModel,
    options: LimitOptions = {},
  ) {
    this.name = inner.name;
    this.offline = inner.offline;
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
    const embed = inner.embed?.bind(inner);
    if (embed) {
      this.embed = (texts, signal) =>
        this.limited(
          texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0),
          signal,
          () => embed(texts, signal),
        );
    }
  }

  /** Calls currently holding a concurrency slot (including those waiting for their rate slot). */
  get inFlight(): number {
    return this.slots.inUse;
  }

  complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    // Tokenizing costs CPU on every call; only pay it when a tokens-per-minute limit needs it.
    const estimate = this.tokens
      ? countMessageTokens(request.messages) + (request.maxTokens ?? this.defaultOutputTokens)
      : 0;
    return this.limited(estimate, request.signal, () => this.inner.complete(request));
  }

  private async limited<R>(tokenEstimate: number, signal: AbortSignal | undefined, call: () => Promise<R>): Promise<R> {
    throwIfAborted(signal);
    // Concurrency first, then pacing: pacing a request that then waits for a slot would let
    // queued requests start together later, which is exactly the burst the pacer prevents.
    await this.slots.acquire(signal).catch(() => {
      throw new CancelledError();
    });
    try {
      const now = this.clock.now();
      const startAt = Math.max(this.requests?.reserve(1, now) ?? now, this.tokens?.reserve(tokenEstimate, now) ?? now);
      if (startAt > now) await this.clock.sleep(startAt - now, signal);
      return await call();
    } catch (error) {
      if (error instanceof ProviderError && error.failure === 'rate_limited' && error.retryAfterMs !== undefined) {
        const until = this.clock.now() + error.retryAfterMs;
        this.requests?.pauseUntil(until);
        this.tokens?.pauseUntil(until);
      }
      throw error;
    } finally {
      this.slots.release();
    }
  }
}
