import { createHash } from 'node:crypto';
import { CancelledError, throwIfAborted } from '../errors.js';
import type { LlmCacheStore } from '../store/ports.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from './port.js';
import { jsonSchemaOf } from './response-format.js';

/** Bump when the stored entry format or key recipe changes, so old entries stop matching. */
const CACHE_VERSION = 2;

interface CacheEntry {
  value: unknown;
  model: string;
}

/**
 * The cache key of a request: SHA-256 over everything that shapes the answer (model, task,
 * messages, schema, temperature, maxTokens) and the tenant the call is attributed to. Every prompt
 * Troupe sends is built from a tenant's content (descriptions, personas, questions, transcripts), so
 * the cache is partitioned by tenant: two workspaces typing the same `/panel create` never receive
 * each other's panels from it. Calls with no tenant (benchmarks, evaluations) share one partition.
 * `hints`, `jobId` and `signal` are left out: they never reach the provider.
 *
 * @example requestCacheKey('gpt-4.1-mini', { task: 'demo', messages, schema, attribution: { tenantId: 'T1' } }) // 'llm:v2:3f9a…'
 */
export function requestCacheKey(model: string, request: CompletionRequest<unknown>): string {
  const material = JSON.stringify({
    v: CACHE_VERSION,
    tenant: request.attribution?.tenantId ?? null,
    model,
    task: request.task,
    schemaName: request.schemaName ?? null,
    messages: request.messages.map(({ role, content }) => [role, content]),
    schema: jsonSchemaOf(request.providerSchema ?? request.schema),
    temperature: request.temperature ?? null,
    maxTokens: request.maxTokens ?? null,
  });
  return `llm:v${CACHE_VERSION}:${createHash('sha256').update(material).digest('hex')}`;
}

/**
 * A response cache in the database: re-running an unchanged simulation costs no calls. A hit
 * returns `usage.cached = true` with no tokens and no latency; identical requests in flight at
 * the same time share one provider call. Callers wanting varied answers must vary the messages.
 *
 * @example
 *   const model = new CachingModel(new RetryingModel(base), store);
 */
export class CachingModel implements LanguageModel {
  readonly name: string;
  readonly offline: boolean;
  readonly embedStandIn?: LanguageModel['embedStandIn'];
  readonly embed?: LanguageModel['embed'];
  private readonly inFlight = new Map<string, Promise<CompletionResult<unknown>>>();

  constructor(
    private readonly inner: LanguageModel,
    private readonly store: LlmCacheStore,
  ) {
    this.name = inner.name;
    this.offline = inner.offline;
    if (inner.embedStandIn) this.embedStandIn = inner.embedStandIn;
    if (inner.embed) this.embed = inner.embed.bind(inner);
  }

  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    const key = requestCacheKey(this.inner.name, request as CompletionRequest<unknown>);
    const shared = this.inFlight.get(key);
    if (shared) {
      try {
        return asHit(await untilAborted(shared as Promise<CompletionResult<T>>, request.signal));
      } catch (error) {
        // The sharer's own cancellation must not cancel this caller: start a call of its own.
        if (!(error instanceof CancelledError) || request.signal?.aborted) throw error;
        if (this.inFlight.get(key) === shared) this.inFlight.delete(key);
        return this.complete(request);
      }
    }

    // Registered before the first await, so a twin arriving during the store lookup joins this call.
    const work = this.lookupOrCall(key, request);
    this.inFlight.set(key, work as Promise<CompletionResult<unknown>>);
    try {
      return await work;
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async lookupOrCall<T>(key: string, request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    return (await this.lookup(key, request)) ?? (await this.callAndStore(key, request));
  }

  private async lookup<T>(key: string, request: CompletionRequest<T>): Promise<CompletionResult<T> | undefined> {
    const raw = await this.store.getCached(key);
    if (raw === undefined) return undefined;
    let entry: CacheEntry;
    try {
      entry = JSON.parse(raw) as CacheEntry;
    } catch {
      return undefined;
    }
    // Refinements are invisible in the JSON schema, so a stored value is re-validated, and refetched if it no longer passes.
    const parsed = request.schema.safeParse(entry.value);
    if (!parsed.success) return undefined;
    return {
      value: parsed.data,
      model: entry.model,
      usage: { inputTokens: 0, outputTokens: 0, latencyMs: 0, cached: true },
    };
  }

  private async callAndStore<T>(key: string, request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    const result = await this.inner.complete(request);
    const entry: CacheEntry = { value: result.value, model: result.model };
    await this.store.putCached(key, JSON.stringify(entry));
    return result;
  }
}

/** The shared promise, or a CancelledError as soon as this caller's own signal aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  throwIfAborted(signal);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function asHit<T>(result: CompletionResult<T>): CompletionResult<T> {
  return { ...result, usage: { inputTokens: 0, outputTokens: 0, latencyMs: 0, cached: true } };
}
