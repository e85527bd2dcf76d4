import { type REST, Routes } from 'discord.js';
import type { KeyValueStore } from '../../engine/store/ports.js';

/** A webhook Troupe posts persona messages through. */
export interface TroupeWebhook {
  id: string;
  token: string;
}

/** The name of Troupe's webhook in each channel. */
export const WEBHOOK_NAME = 'Troupe personas';

interface WireWebhook {
  id: string;
  token?: string;
  name?: string | null;
  application_id?: string | null;
}

const storeKey = (channelId: string) => `discord:webhook:${channelId}`;

/**
 * One webhook per parent channel, created on first use and reused: remembered in the store under
 * the guild's tenant, otherwise looked up among the channel's webhooks (one this application
 * created, by name) before a new one is created, so restarts never pile up webhooks (Discord
 * allows 15 per channel). Creations for one channel are serialised in this process.
 *
 * @example
 *   const hook = await webhooks.forChannel('discord:1', '110');
 *   await rest.post(Routes.webhook(hook.id, hook.token), { body, query, auth: false });
 */
export class ChannelWebhooks {
  private readonly pending = new Map<string, Promise<TroupeWebhook>>();

  constructor(
    private readonly rest: REST,
    private readonly store: KeyValueStore,
    private readonly applicationId: string,
  ) {}

  forChannel(tenantId: string, channelId: string): Promise<TroupeWebhook> {
    const slot = `${tenantId}|${channelId}`;
    const running = this.pending.get(slot);
    if (running) return running;
    const work = this.resolve(tenantId, channelId).finally(() => this.pending.delete(slot));
    this.pending.set(slot, work);
    return work;
  }

  /** Drops a remembered webhook that Discord says is gone (someone deleted it); the next post finds or creates one. */
  async forget(tenantId: string, channelId: string): Promise<void> {
    await this.store.deleteValue(tenantId, storeKey(channelId));
  }

  private async resolve(tenantId: string, channelId: string): Promise<TroupeWebhook> {
    const known = (await this.store.getValue(tenantId, storeKey(channelId))) as TroupeWebhook | undefined;
    if (known) return known;
    const existing = (await this.rest.get(Routes.channelWebhooks(channelId))) as WireWebhook[];
    const ours = existing.find(
      (hook) => hook.token && hook.name === WEBHOOK_NAME && hook.application_id === this.applicationId,
    );
    const created =
      ours ??
      ((await this.rest.post(Routes.channelWebhooks(channelId), { body: { name: WEBHOOK_NAME } })) as WireWebhook);
    const hook = { id: created.id, token: String(created.token) };
    await this.store.setValue(tenantId, storeKey(channelId), hook);
    return hook;
  }
}
