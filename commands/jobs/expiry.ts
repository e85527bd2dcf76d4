import type { ExpiryStore } from '../../engine/store/ports.js';

const HOUR = 3_600_000;

/** How long each kind of short-lived row is kept. */
export const EXPIRY = {
  /** Platforms re-deliver an unanswered event within minutes (Slack, Teams, Discord); a day is ample. */
  deliveries: { prefix: 'delivery:', ttlMs: 24 * HOUR },
  /** A `/confirm` not given within an hour is stale (prices, budget and the panel may have changed). */
  confirms: { prefix: 'confirm:', ttlMs: HOUR },
  /** Double-submit claims matter for seconds (`DOUBLE_SUBMIT_MS`); an hour keeps them clearly past it. */
  submits: { prefix: 'submit:', ttlMs: HOUR },
  /** LLM responses are reused for re-runs of the same simulation; a month keeps the table bounded. */
  llmCacheTtlMs: 30 * 24 * HOUR,
} as const;

/** What one purge deleted. */
export interface PurgeReport {
  deliveries: number;
  confirms: number;
  submits: number;
  llmCache: number;
}

/**
 * Deletes the rows that outlived their time to live. Run at start-up and then periodically (the
 * composition root schedules it).
 *
 * @example
 *   await purgeExpired(store); // { deliveries: 120, confirms: 1, llmCache: 0 }
 */
export async function purgeExpired(store: ExpiryStore, now = Date.now()): Promise<PurgeReport> {
  return {
    deliveries: await store.expireValues(EXPIRY.deliveries.prefix, new Date(now - EXPIRY.deliveries.ttlMs)),
    confirms: await store.expireValues(EXPIRY.confirms.prefix, new Date(now - EXPIRY.confirms.ttlMs)),
    submits: await store.expireValues(EXPIRY.submits.prefix, new Date(now - EXPIRY.submits.ttlMs)),
    llmCache: await store.expireCache(new Date(now - EXPIRY.llmCacheTtlMs)),
  };
}
