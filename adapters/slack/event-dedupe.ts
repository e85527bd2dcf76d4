import type { KeyValueStore } from '../../engine/store/ports.js';

/**
 * Processes each Slack event once. Slack re-delivers an event it thinks was not acknowledged in
 * time (`X-Slack-Retry-Num`, Socket Mode `retry_attempt`); the event id is recorded in the store
 * under the workspace's tenant, so a retry is dropped even after a restart. Claims in flight in
 * this process are tracked too, so a retry racing the first delivery is also dropped.
 *
 * @example
 *   const dedupe = new EventDeduper(store);
 *   if (!(await dedupe.claim('slack:T1', body.event_id))) return;
 */
export class EventDeduper {
  private readonly inFlight = new Set<string>();

  constructor(private readonly store: KeyValueStore) {}

  /** True the first time an event id is seen for a tenant; false for every repeat. */
  async claim(tenantId: string, eventId: string | undefined): Promise<boolean> {
    if (!eventId) return true;
    const key = `slack:event:${eventId}`;
    const flight = `${tenantId}|${key}`;
    if (this.inFlight.has(flight)) return false;
    this.inFlight.add(flight);
    try {
      if ((await this.store.getValue(tenantId, key)) !== undefined) return false;
      await this.store.setValue(tenantId, key, { at: new Date().toISOString() });
      return true;
    } finally {
      this.inFlight.delete(flight);
    }
  }
}
