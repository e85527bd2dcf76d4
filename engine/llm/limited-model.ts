import type { CompletionRequest, CompletionResult, LanguageModel } from './port.js';
import { ProviderError } from './provider-errors.js';
import { type LimitOptions, RequestGate } from './request-gate.js';
import { countMessageTokens } from './tokens.js';

export type { LimitOptions } from './request-gate.js';

/**
 * Concurrency and rate limits around any model, one slot per `complete()`. For the OpenAI-compatible
 * model prefer handing it the `RequestGate` itself (`gate` option), which takes a slot for every HTTP
 * request one `complete()` sends (repairs and format fallbacks included) and reads the provider's
 * rate-limit headers; this decorator is for models whose calls are one request each.
 *
 * @example
 *   const model = new LimitedModel(base, { maxConcurrency: 8, rpm: 500, tpm: 200_000 });
 */
export class LimitedModel implements LanguageModel {
  readonly name: string;
  readonly offline: boolean;
  readonly embedStandIn?: LanguageModel['embedStandIn'];
  readonly embed?: LanguageModel['embed'];
  readonly gate: RequestGate;

  constructor(
    private readonly inner: LanguageModel,
    options: LimitOptions | RequestGate = {},
  ) {
    this.name = inner.name;
    this.offline = inner.offline;
    if (inner.embedStandIn) this.embedStandIn = inner.embedStandIn;
    this.gate = options instanceof RequestGate ? options : new RequestGate(options);
    const embed = inner.embed?.bind(inner);
    if (embed) {
      this.embed = (texts, signal, options) =>
        this.limited(
          texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0),
          signal,
          () => embed(texts, signal, options),
        );
    }
  }

  /** Calls currently holding a concurrency slot (including those waiting for their rate slot). */
  get inFlight(): number {
    return this.gate.inFlight;
  }

  complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    // Tokenizing costs CPU on every call; only pay it when a tokens-per-minute limit needs it.
    const estimate = this.gate.countsTokens
      ? countMessageTokens(request.messages) + (request.maxTokens ?? this.gate.defaultOutputTokens)
      : 0;
    return this.limited(estimate, request.signal, () => this.inner.complete(request));
  }

  private limited<R>(tokenEstimate: number, signal: AbortSignal | undefined, call: () => Promise<R>): Promise<R> {
    return this.gate.run(tokenEstimate, signal, async (report) => {
      try {
        return await call();
      } catch (error) {
        if (error instanceof ProviderError && error.failure === 'rate_limited' && error.retryAfterMs !== undefined) {
          report({ rateLimitedForMs: error.retryAfterMs });
        }
        throw error;
      }
    });
  }
}
