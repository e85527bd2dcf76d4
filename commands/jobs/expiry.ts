import type { ExpiryStore } from '../../engine/store/ports.js';

const HOUR = 3_600_000;

/** How long each kind of short-lived row is kept. */
export const EXPIRY = {
  /** Slack re-delivers an unacknowledged event within minutes; a day is ample. */
  slackEvents: { prefix: 'slack:event:', ttlMs: 24 * HOUR },
  /** A `/confirm` not given within an hour is stale (prices, budget and the panel may have changed). */
  confirms: { prefix: 'confirm:', ttlMs: HOUR },
  /** LLM responses are reused for re-runs of the same simulation; a month keeps the table bounded. */
  llmCacheTtlMs: 30 * 24 * HOUR,
} as const;

/** What one purge deleted. */
export interface PurgeReport {
  slackEvents: number;
  confirms: number;
  llmCache: number;
}

/**
 * Deletes the rows that outlived their time to live. Run at start-up and then periodically (the
 * composition root schedules it).
 *
 * @example
 *   await purgeExpired(store); // { slackEvents: 120, confirms: 1, llmCache: 0 }
 */
export async function purgeExpired(store: ExpiryStore, now = Date.now()): Promise<PurgeReport> {
  return {
    slackEvents: await store.expireValues(EXPIRY.slackEvents.prefix, new Date(now - EXPIRY.slackEvents.ttlMs)),
    confirms: await store.expireValues(EXPIRY.confirms.prefix, new Date(now - EXPIRY.confirms.ttlMs)),
    llmCache: await store.expireCache(new Date(now - EXPIRY.llmCacheTtlMs)),
  };
}
