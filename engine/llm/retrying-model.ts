import { CancelledError, ModelBehaviorError, TroupeError, throwIfAborted } from '../errors.js';
import { sleep as realSleep } from './clock.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from './port.js';
import { ProviderError } from './provider-errors.js';

/** Retry settings; every field has a sensible default. */
export interface RetryOptions {
  /** Total attempts including the first (default 5). */
  maxAttempts?: number;
  /** First backoff step (default 500 ms); doubles each attempt. */
  baseDelayMs?: number;
  /** Backoff ceiling (default 30 s). */
  maxDelayMs?: number;
  /** Longest Retry-After honoured (default 120 s); a longer one ends the retries at once. */
  maxRetryAfterMs?: number;
  /** Retry `llm.invalid_output` (the model's answer failed validation even after repair). Default true. */
  retryInvalidOutput?: boolean;
  /** Injected for tests and scaled benches. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A float in [0, 1) for jitter. */
  random?: () => number;
  /** Called before each backoff, e.g. to log or show "retrying…" progress. */
  onRetry?: (info: { attempt: number; delayMs: number; error: Error; task: string }) => void;
}

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
  readonly embed?: (texts: string[], signal?: AbortSignal) => Promise<number[][]>;
  private readonly options: Required<Omit<RetryOptions, 'onRetry'>> & Pick<RetryOptions, 'onRetry'>;

  constructor(
    private readonly inner: LanguageModel,
    options: RetryOptions = {},
  ) {
    this.name = inner.name;
    this.offline = inner.offline;
    this.options = {
      maxAttempts: Math.max(1, options.maxAttempts ?? 5),
      baseDelayMs: options.baseDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 120_000,
      retryInvalidOutput: options.retryInvalidOutput ?? true,
      sleep: options.sleep ?? realSleep,
      random: options.random ?? Math.random,
      onRetry: options.onRetry,
    };
    const embed = inner.embed?.bind(inner);
    if (embed) this.embed = (texts, signal) => this.withRetries('embed', signal, () => embed(texts, signal));
  }

  complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    return this.withRetries(request.task, request.signal, () => this.inner.complete(request));
  }

  private async withRetries<R>(task: string, signal: AbortSignal | undefined, call: () => Promise<R>): Promise<R> {
    const failures: Error[] = [];
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(signal);
      try {
        return await call();
      } catch (error) {
        if (error instanceof CancelledError || !this.isRetryable(error)) throw error;
        failures.push(error as Error);
        const delayMs = this.delayFor(attempt, error as Error);
        if (attempt >= this.options.maxAttempts || delayMs === undefined) throw giveUp(task, failures);
        this.options.onRetry?.({ attempt, delayMs, error: error as Error, task });
        await this.options.sleep(delayMs, signal);
      }
    }
  }

  private isRetryable(error: unknown): boolean {
    if (error instanceof ProviderError) return error.retryable;
    return this.options.retryInvalidOutput && error instanceof TroupeError && error.code === 'llm.invalid_output';
  }

  /** Retry-After when given (undefined when it is longer than we are willing to wait), else backoff with equal jitter. */
  private delayFor(attempt: number, error: Error): number | undefined {
    const retryAfter = error instanceof ProviderError ? error.retryAfterMs : undefined;
    if (retryAfter !== undefined) return retryAfter <= this.options.maxRetryAfterMs ? retryAfter : undefined;
    const ceiling = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (attempt - 1));
    return ceiling / 2 + (this.options.random() * ceiling) / 2;
  }
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
