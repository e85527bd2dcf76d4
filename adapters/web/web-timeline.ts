import type { KeyValueStore } from '../../engine/store/ports.js';
import type { WebMessage, WebThread } from './web-message.js';

/** A stored chart or export: its bytes and how to serve them. */
export interface WebBlob {
  filename: string;
  mimeType: string;
  bytes: Buffer;
}

const ROOT = '-';

/**
 * The web channel's messages, kept in the store (the tenant's key-value rows), so a reloaded page or a restarted
 * process shows the same threads. One row per thread (and one for the channel root), one per chart or export, and one
 * per delivered idempotency key (for `findPosted`). Writes of one row are serialized in this process, so concurrent
 * posts of a job never lose each other; rows are cached after the first read.
 *
 * @example
 *   const timeline = new WebTimeline(store);
 *   await timeline.upsert('local', 'web:main', message);
 *   const thread = await timeline.list('local', 'web:main', message.id);
 */
export class WebTimeline {
  private readonly cache = new Map<string, WebMessage[]>();
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(private readonly store: KeyValueStore) {}

  /** The messages of a thread (or of the channel root), oldest first. */
  async list(tenantId: string, channelKey: string, threadKey?: string): Promise<WebMessage[]> {
    return [...(await this.read(tenantId, rowKey(channelKey, threadKey)))];
  }

  /** The threads of the channel, newest first. */
  async threads(tenantId: string, channelKey: string): Promise<WebThread[]> {
    const root = await this.read(tenantId, rowKey(channelKey));
    return root
      .filter((message) => message.opensThread)
      .map((message) => ({ key: message.id, title: firstLine(message.text), at: message.at }))
      .reverse();
  }

  /** One message by id, searched in the given thread (or root). */
  async find(tenantId: string, channelKey: string, threadKey: string | undefined, id: string) {
    return (await this.read(tenantId, rowKey(channelKey, threadKey))).find((message) => message.id === id);
  }

  /** Adds the message, or replaces the one with its id (a progress edit). */
  async upsert(tenantId: string, channelKey: string, message: WebMessage): Promise<void> {
    const key = rowKey(channelKey, message.threadKey);
    await this.serialized(`${tenantId}\u0000${key}`, async () => {
      const rows = await this.read(tenantId, key);
      const at = rows.findIndex((row) => row.id === message.id);
      const next = at < 0 ? [...rows, message] : rows.map((row, index) => (index === at ? message : row));
      await this.store.setValue(tenantId, key, next);
      this.cache.set(`${tenantId}\u0000${key}`, next);
    });
  }

  async saveBlob(tenantId: string, id: string, blob: WebBlob): Promise<void> {
    await this.store.setValue(tenantId, `web:blob:${id}`, {
      filename: blob.filename,
      mimeType: blob.mimeType,
      base64: blob.bytes.toString('base64'),
    });
  }

  /** The blob, only when it belongs to this tenant (rows are keyed by tenant). */
  async blob(tenantId: string, id: string): Promise<WebBlob | undefined> {
    if (!/^[\w-]{1,64}$/.test(id)) return undefined;
    const row = (await this.store.getValue(tenantId, `web:blob:${id}`)) as
      | { filename: string; mimeType: string; base64: string }
      | undefined;
    return row && { filename: row.filename, mimeType: row.mimeType, bytes: Buffer.from(row.base64, 'base64') };
  }

  async markDelivered(tenantId: string, idempotencyKey: string, delivered: { messageId: string; threadKey?: string }) {
    await this.store.setValue(tenantId, `web:posted:${idempotencyKey}`, delivered);
  }

  async delivered(tenantId: string, idempotencyKey: string) {
    return (await this.store.getValue(tenantId, `web:posted:${idempotencyKey}`)) as
      | { messageId: string; threadKey?: string }
      | undefined;
  }

  private async read(tenantId: string, key: string): Promise<WebMessage[]> {
    const slot = `${tenantId}\u0000${key}`;
    const cached = this.cache.get(slot);
    if (cached) return cached;
    const stored = await this.store.getValue(tenantId, key);
    const rows = Array.isArray(stored) ? (stored as WebMessage[]) : [];
    this.cache.set(slot, rows);
    return rows;
  }

  private serialized<T>(slot: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(slot) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.locks.set(slot, settled);
    void settled.then(() => {
      if (this.locks.get(slot) === settled) this.locks.delete(slot);
    });
    return next;
  }
}

function rowKey(channelKey: string, threadKey?: string): string {
  return `web:timeline:${channelKey}:${threadKey ?? ROOT}`;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0].trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line || '(thread)';
}
