import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { CancelledError, ConfigError, ModelBehaviorError } from '../errors.js';

/** Why a provider call failed; drives retry decisions and the final message. */
export type ProviderFailure = 'rate_limited' | 'server_error' | 'timeout' | 'connection' | 'rejected' | 'quota';

/**
 * A failed provider call. `retryable` says whether trying again may help (429, 5xx, timeouts,
 * dropped connections); `retryAfterMs` carries the provider's Retry-After when it sent one.
 *
 * @example
 *   if (error instanceof ProviderError && error.retryable) await sleep(error.retryAfterMs ?? 1000);
 */
export class ProviderError extends ModelBehaviorError {
  constructor(
    code: string,
    message: string,
    readonly failure: ProviderFailure,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

const CODES: Record<ProviderFailure, string> = {
  rate_limited: 'llm.rate_limited',
  server_error: 'llm.server_error',
  timeout: 'llm.timeout',
  connection: 'llm.connection',
  rejected: 'llm.request_rejected',
  quota: 'llm.quota_exceeded',
};

/** Builds a ProviderError with the stable code for its failure kind. */
export function providerError(
  failure: ProviderFailure,
  message: string,
  extra: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
): ProviderError {
  const retryable = failure !== 'rejected' && failure !== 'quota';
  return new ProviderError(CODES[failure], message, failure, retryable, extra.status, extra.retryAfterMs, {
    cause: extra.cause,
  });
}

/**
 * Reads how long the provider asked us to wait: `retry-after-ms` (Azure, OpenAI), then
 * `retry-after` as seconds or an HTTP date. Returns undefined when absent or unparseable.
 *
 * @example parseRetryAfter(new Headers({ 'retry-after': '2' })) // 2000
 */
export function parseRetryAfter(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  if (Number.isFinite(Number(value))) return Math.max(0, Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** True when a 400/422 says the provider does not accept the `response_format` we sent (TinyTroupe #95). */
export function isResponseFormatRejection(error: unknown): boolean {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return false;
  const text = `${error.message} ${JSON.stringify(error.error ?? {})}`.toLowerCase();
  return /response_format|json_schema|json_object|structured output|response format/.test(text);
}

/**
 * True when a 400/422 says the endpoint does not know a request parameter, e.g. vLLM's
 * `Unrecognized request argument supplied: prompt_cache_key` or `extra_forbidden … prompt_cache_key`.
 */
export function isParameterRejection(error: unknown, parameter: string): boolean {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return false;
  const text = `${error.message} ${JSON.stringify(error.error ?? {})}`.toLowerCase();
  return text.includes(parameter.toLowerCase());
}

/**
 * Translates an `openai` SDK error into a typed Troupe error. Auth and missing-model failures are
 * deployment problems (ConfigError); 429/5xx/timeouts are retryable ProviderErrors.
 */
export function mapProviderError(error: unknown, context: { model: string; timeoutMs: number }): Error {
  if (error instanceof APIUserAbortError) return new CancelledError('the model call was cancelled');
  if (error instanceof APIConnectionTimeoutError) {
    return providerError('timeout', `the model did not answer within ${context.timeoutMs} ms`, { cause: error });
  }
  if (error instanceof APIConnectionError) {
    return providerError('connection', `could not reach the model provider: ${error.message}`, { cause: error });
  }
  if (!(error instanceof APIError)) return error instanceof Error ? error : new Error(String(error));
  const status = error.status ?? 0;
  const detail = error.message;
  if (status === 401 || status === 403) {
    return new ConfigError(
      'llm.auth',
      `the model provider refused the API key (HTTP ${status}: ${detail}); check LLM_API_KEY`,
      { cause: error },
    );
  }
  if (status === 404) {
    return new ConfigError(
      'llm.model_not_found',
      `the model provider does not know model "${context.model}" (HTTP 404: ${detail}); check LLM_MODEL and LLM_BASE_URL, e.g. LLM_MODEL=gpt-4.1-mini`,
      { cause: error },
    );
  }
  const retryAfterMs = parseRetryAfter(error.headers);
  if (status === 429) {
    if (error.code === 'insufficient_quota') {
      return providerError('quota', `the model provider says the account is out of quota: ${detail}`, {
        status,
        cause: error,
      });
    }
    return providerError('rate_limited', `the model provider rate limited the call: ${detail}`, {
      status,
      retryAfterMs,
      cause: error,
    });
  }
  if (status === 408)
    return providerError('timeout', `the model provider timed out (HTTP 408)`, { status, retryAfterMs, cause: error });
  if (status === 409 || status >= 500) {
    return providerError('server_error', `the model provider failed (HTTP ${status}: ${detail})`, {
      status,
      retryAfterMs,
      cause: error,
    });
  }
  return providerError('rejected', `the model provider rejected the request (HTTP ${status}: ${detail})`, {
    status,
    cause: error,
  });
}
