import type { KeyValueStore } from '../../engine/store/ports.js';

/**
 * Handles each inbound Teams activity once. The connector re-delivers an activity it thinks was
 * not answered in time; the activity id (with its conversation) is recorded in the store under
 * the tenant, so a repeat is dropped even after a restart, and a repeat racing the first delivery
 * in this process is dropped too.
 *
 * @example
 *   if (!(await dedupe.claim('teams:T1', `${activity.conversation.id}|${activity.id}`))) return;
 */
export class ActivityDeduper {
  private readonly inFlight = new Set<string>();

  constructor(private readonly store: KeyValueStore) {}

  /** True the first time an activity is seen for a tenant; false for every repeat. */
  async claim(tenantId: string, activityKey: string | undefined): Promise<boolean> {
    if (!activityKey) return true;
    const key = `teams:activity:${activityKey}`;
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
