import { EXPIRY } from '../../commands/jobs/expiry.js';
import type { KeyValueStore } from '../../engine/store/ports.js';

/**
 * Handles each inbound platform delivery once. Platforms re-deliver what they think was not
 * answered in time (Slack event retries, Bot Framework activity repeats, Discord interaction
 * retries and gateway RESUME replays); the delivery id is recorded in the store under the tenant,
 * so a repeat is dropped even after a restart, and a repeat racing the first delivery in this
 * process is dropped too. The records expire with the other short-lived rows (`EXPIRY.deliveries`).
 *
 * @example
 *   const dedupe = new DeliveryDeduper(store, 'slack');
 *   if (!(await dedupe.claim('slack:T1', body.event_id))) return;
 */
export class DeliveryDeduper {
  private readonly inFlight = new Set<string>();
  /** Deliveries this process saw lately (insertion order, oldest dropped first). */
  private readonly recent = new Set<string>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly platform: string,
  ) {}

  /** The store key a delivery id is recorded under. */
  keyOf(id: string): string {
    return `${EXPIRY.deliveries.prefix}${this.platform}:${id}`;
  }

  /**
   * Synchronous and store-free: false when this process already saw the delivery (a gateway
   * replay, a redelivery racing the first), so a repeat is dropped before it is acknowledged
   * twice. `claim` is still the record that holds across restarts and processes.
   */
  firstInProcess(tenantId: string, id: string | undefined, keep = 10_000): boolean {
    if (!id) return true;
    const key = `${tenantId}|${id}`;
    if (this.recent.has(key)) return false;
    this.recent.add(key);
    if (this.recent.size > keep) this.recent.delete(this.recent.values().next().value as string);
    return true;
  }

  /** True the first time a delivery id is seen for a tenant; false for every repeat. */
  async claim(tenantId: string, id: string | undefined): Promise<boolean> {
    if (!id) return true;
    const key = this.keyOf(id);
    const flight = `${tenantId}|${key}`;
    if (this.inFlight.has(flight)) return false;
    this.inFlight.add(flight);
    try {
      // One atomic claim: two processes receiving the same delivery cannot both win.
      return (await this.store.claimValue(tenantId, key, { at: new Date().toISOString() }, new Date(0))) === undefined;
    } finally {
      this.inFlight.delete(flight);
    }
  }
}
