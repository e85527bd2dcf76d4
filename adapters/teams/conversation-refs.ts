import type { KeyValueStore } from '../../engine/store/ports.js';
import { PlatformError } from '../../engine/errors.js';

/**
 * What Troupe keeps of a Teams conversation to post into it later, after the turn ended
 * (proactive messaging): the connector's service URL, the conversation's kind, the bot's account
 * and the Microsoft 365 tenant. Stored per channel key under the Troupe tenant, so a restarted
 * process can still post a job's results.
 */
export interface StoredReference {
  serviceUrl: string;
  /** `channel` (reply chains), `groupChat` or `personal` (1:1). */
  conversationType: string;
  /** The base conversation id (a channel's id without `;messageid=`). */
  conversationId: string;
  bot: { id: string; name?: string };
  /** The Microsoft 365 tenant (`channelData.tenant.id`). */
  tenantId: string;
  /** The Teams channel id (`channelData.channel.id`), for new reply chains. */
  channelId?: string;
}

const refKey = (channelKey: string) => `teams:ref:${channelKey}`;

/**
 * Conversation references in the KeyValueStore.
 *
 * @example
 *   await refs.remember('teams:T1', ref);
 *   const ref = await refs.get('teams:T1', '19:abc@thread.tacv2');
 */
export class ConversationReferences {
  private readonly cache = new Map<string, StoredReference>();

  constructor(private readonly store: KeyValueStore) {}

  async remember(tenantId: string, reference: StoredReference): Promise<void> {
    const slot = `${tenantId}|${reference.conversationId}`;
    const known = this.cache.get(slot);
    if (known && JSON.stringify(known) === JSON.stringify(reference)) return;
    await this.store.setValue(tenantId, refKey(reference.conversationId), reference);
    this.cache.set(slot, reference);
  }

  /** The stored reference of a channel key; a PlatformError when Troupe never heard from that conversation. */
  async get(tenantId: string, channelKey: string): Promise<StoredReference> {
    const slot = `${tenantId}|${channelKey}`;
    const cached = this.cache.get(slot);
    if (cached) return cached;
    const stored = (await this.store.getValue(tenantId, refKey(channelKey))) as StoredReference | undefined;
    if (!stored)
      throw new PlatformError(
        'teams.no-reference',
        `Troupe has no conversation reference for ${channelKey}; mention @Troupe there once so it can post.`,
      );
    this.cache.set(slot, stored);
    return stored;
  }
}
