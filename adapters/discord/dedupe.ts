import type { KeyValueStore } from '../../engine/store/ports.js';

/**
 * Handles each interaction and message once. Discord may deliver an interaction twice (a retried
 * delivery) and a gateway RESUME replays dispatches; the id is recorded in the store under the
 * guild's tenant, so a repeat is dropped even after a restart, and claims in flight in this
 * process are tracked so a repeat racing the first delivery is dropped too.
 *
 * @example
 *   if (!(await dedupe.claim('discord:1', `interaction:${interaction.id}`))) return;
 */
export class DiscordDeduper {
  private readonly inFlight = new Set<string>();

  constructor(private readonly store: KeyValueStore) {}

  /** True the first time `id` is seen for a tenant; false for every repeat. */
  async claim(tenantId: string, id: string): Promise<boolean> {
    const key = `discord:seen:${id}`;
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
