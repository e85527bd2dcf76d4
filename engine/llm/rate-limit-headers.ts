/** What one response's OpenAI-style `x-ratelimit-*` headers say about a limit (requests or tokens). */
export interface LimitReading {
  /** The limit per window, when sent (`x-ratelimit-limit-*`). */
  limit?: number;
  /** What is left in the current window (`x-ratelimit-remaining-*`). */
  remaining: number;
  /** Time until the window replenishes (`x-ratelimit-reset-*`), in ms. */
  resetMs: number;
}

/** The request and token readings of one response; each is absent when the provider did not send it. */
export interface RateLimitReadings {
  requests?: LimitReading;
  tokens?: LimitReading;
}

/**
 * Reads OpenAI-style rate-limit headers (also sent by Azure OpenAI, LiteLLM and others).
 *
 * @example
 *   readRateLimitHeaders(new Headers({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1m2.5s' }))
 *   // { requests: { remaining: 0, resetMs: 62500 } }
 */
export function readRateLimitHeaders(headers: Headers | undefined): RateLimitReadings {
  if (!headers) return {};
  const readings: RateLimitReadings = {};
  for (const kind of ['requests', 'tokens'] as const) {
    const remaining = numberOf(headers.get(`x-ratelimit-remaining-${kind}`));
    const resetMs = parseResetDuration(headers.get(`x-ratelimit-reset-${kind}`));
    if (remaining === undefined || resetMs === undefined) continue;
    const limit = numberOf(headers.get(`x-ratelimit-limit-${kind}`));
    readings[kind] = { remaining, resetMs, ...(limit !== undefined ? { limit } : {}) };
  }
  return readings;
}

/**
 * A reset duration as OpenAI writes it (`6m0s`, `1.5s`, `20ms`, `1h2m3s`) or plain seconds (`12`).
 *
 * @example parseResetDuration('6m0s') // 360000
 */
export function parseResetDuration(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (Number.isFinite(Number(text))) return Math.max(0, Number(text) * 1000);
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  let matched = '';
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    total += Number(match[1]) * units[match[2]];
    matched += match[0];
  }
  return matched === text ? total : undefined;
}

function numberOf(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}
