import { CancelledError, ModelBehaviorError, TroupeError, throwIfAborted } from '../errors.js';
import { type Clock, systemClock } from './clock.js';
import { SignalLinks } from './linked-signal.js';
import type { CallAttribution, CompletionRequest, CompletionResult, LanguageModel } from './port.js';
import { ProviderError } from './provider-errors.js';

/** Retry settings; every field has a sensible default. */
export interface RetryOptions {
  /**
   * Total attempts including the first. By default rate-limited attempts are bounded only by
   * `timeBudgetMs` (the provider's clock decides), other failures by 5 attempts; when set it bounds all.
   */
  maxAttempts?: number;
  /** Retries stop when the next wait would end more than this long after the first failure (default 90 s). */
  timeBudgetMs?: number;
  /** First backoff step (default 500 ms); doubles each attempt. */
  baseDelayMs?: number;
  /** Backoff ceiling (default 30 s). */
  maxDelayMs?: number;
  /** Longest Retry-After honoured (default 120 s); a longer one ends the retries at once. */
  maxRetryAfterMs?: number;
  /** Retry `llm.invalid_output` (the model's answer failed validation even after repair). Default true. */
  retryInvalidOutput?: boolean;
  /** Injected for tests and scaled benches; `sleep` alone overrides the clock's sleep. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  clock?: Clock;
  /** A float in [0, 1) for jitter. */
  random?: () => number;
  /** Called before each backoff, e.g. to log or show "retrying…" progress. */
  onRetry?: (info: RetryNotice) => void;
}

/** What `onRetry` hears before each backoff. */
export interface RetryNotice {
  attempt: number;
  delayMs: number;
  error: Error;
  task: string;
  /** Who the call is for, so a job can show "rate limited by the provider, retrying in 20 s". */
  attribution?: CallAttribution;
}

/** Attempts for failures other than rate limits when `maxAttempts` is not set. */
const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Retries 429s, 5xx, timeouts, dropped connections and malformed output with exponential backoff
 * and jitter, waiting exactly what a Retry-After asks for. After the last attempt it throws an
 * error whose message says what happened, so the chat can report it in the thread.
 *
 * @example
 *   const model = new RetryingModel(new LimitedModel(base, { maxConcurrency: 8 }), { maxAttempts: 5 });
 */
export class RetryingModel implements LanguageModel {
  readonly name: string;
  readonly offline: boolean;
  readonly embedStandIn?: LanguageModel['embedStandIn'];
  readonly embed?: LanguageModel['embed'];
  private readonly options: Required<Omit<RetryOptions, 'onRetry' | 'maxAttempts' | 'clock'>> &
    Pick<RetryOptions, 'onRetry' | 'maxAttempts'>;
  private readonly now: () => number;
  private readonly signals = new SignalLinks();

  constructor(
    private readonly inner: LanguageModel,
    options: RetryOptions = {},
  ) {
    this.name = inner.name;
    this.offline = inner.offline;
    if (inner.embedStandIn) this.embedStandIn = inner.embedStandIn;
    this.options = {
      maxAttempts: options.maxAttempts === undefined ? undefined : Math.max(1, options.maxAttempts),
      timeBudgetMs: options.timeBudgetMs ?? 90_000,
      baseDelayMs: options.baseDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 120_000,
      retryInvalidOutput: options.retryInvalidOutput ?? true,
      sleep: options.sleep ?? (options.clock ?? systemClock).sleep,
      random: options.random ?? Math.random,
      onRetry: options.onRetry,
    };
    const clock = options.clock ?? systemClock;
    this.now = () => clock.now();
    const embed = inner.embed?.bind(inner);
    if (embed)
      this.embed = (texts, signal, options) =>
        this.withRetries('memory.embed', signal, options?.attribution, () => embed(texts, signal, options));
  }

  complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    return this.withRetries(request.task, request.signal, request.attribution, () => this.inner.complete(request));
  }

  private async withRetries<R>(
    task: string,
    signal: AbortSignal | undefined,
    attribution: CallAttribution | undefined,
    call: () => Promise<R>,
  ): Promise<R> {
    const failures: Error[] = [];
    // The budget starts at the first failure: time queued for a rate slot before it is not retrying.
    let firstFailure: number | undefined;
    let rateLimits = 0;
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(signal);
      try {
        return await call();
      } catch (error) {
        if (error instanceof CancelledError || !this.isRetryable(error)) throw error;
        failures.push(error as Error);
        firstFailure ??= this.now();
        const limited = isRateLimit(error);
        if (limited) rateLimits++;
        const delayMs = this.delayFor(attempt, error as Error, limited ? rateLimits : 0);
        const attemptsLeft = this.options.maxAttempts
          ? attempt < this.options.maxAttempts
          : limited || attempt - rateLimits < DEFAULT_MAX_ATTEMPTS;
        const inBudget = delayMs !== undefined && this.now() - firstFailure + delayMs <= this.options.timeBudgetMs;
        if (!attemptsLeft || !inBudget) throw giveUp(task, failures);
        this.options.onRetry?.({ attempt, delayMs, error: error as Error, task, attribution });
        await this.signals.run(signal, (own) => this.options.sleep(delayMs, own));
      }
    }
  }

  private isRetryable(error: unknown): boolean {
    if (error instanceof ProviderError) return error.retryable;
    return this.options.retryInvalidOutput && error instanceof TroupeError && error.code === 'llm.invalid_output';
  }

  /**
   * Retry-After when given (undefined when it is longer than we are willing to wait), else backoff with
   * equal jitter. From a call's second 429 on, a Retry-After shorter than the backoff is not trusted
   * (a provider saying "1 s" while its window is a minute): the wait grows from 1 s, doubling.
   */
  private delayFor(attempt: number, error: Error, rateLimits: number): number | undefined {
    const retryAfter = error instanceof ProviderError ? error.retryAfterMs : undefined;
    if (retryAfter !== undefined && retryAfter > this.options.maxRetryAfterMs) return undefined;
    if (retryAfter !== undefined && rateLimits <= 1) return retryAfter;
    const base = rateLimits > 1 ? Math.max(1000, this.options.baseDelayMs) : this.options.baseDelayMs;
    const steps = rateLimits > 1 ? rateLimits - 2 : attempt - 1;
    const ceiling = Math.min(this.options.maxDelayMs, base * 2 ** steps);
    const backoff = ceiling / 2 + (this.options.random() * ceiling) / 2;
    return retryAfter === undefined ? backoff : Math.max(retryAfter, backoff);
  }
}

function isRateLimit(error: unknown): boolean {
  return error instanceof ProviderError && error.failure === 'rate_limited';
}

/** The final error: names what kept going wrong, e.g. "the model was rate limited 5 times; last Retry-After 2s". */
function giveUp(task: string, failures: Error[]): ModelBehaviorError {
  const last = failures[failures.length - 1];
  const code = last instanceof TroupeError ? last.code : 'llm.failed';
  const counts = new Map<string, number>();
  for (const failure of failures) {
    const label = describeFailure(failure);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const parts = [...counts].map(([label, count]) => `${label} ${count} ${count === 1 ? 'time' : 'times'}`);
  const retryAfter = [...failures].reverse().find((f) => f instanceof ProviderError && f.retryAfterMs !== undefined) as
    | ProviderError
    | undefined;
  const tail = retryAfter ? `; last Retry-After ${formatSeconds(retryAfter.retryAfterMs ?? 0)}` : '';
  return new ModelBehaviorError(code, `${task}: the model ${parts.join(', ')}${tail}. Last error: ${last.message}`, {
    cause: last,
  });
}

function describeFailure(error: Error): string {
  if (!(error instanceof ProviderError)) return 'returned invalid output';
  switch (error.failure) {
    case 'rate_limited':
      return 'was rate limited';
    case 'timeout':
      return 'timed out';
    case 'connection':
      return 'could not be reached';
    default:
      return error.status ? `failed with HTTP ${error.status}` : 'failed';
  }
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)}s`;
}
