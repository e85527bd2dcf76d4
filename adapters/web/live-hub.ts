import type { WebEvent } from './web-message.js';

/** One open event stream of a browser. */
export interface LiveClient {
  tenantId: string;
  userId: string;
  send(event: WebEvent): void;
}

/**
 * Fans events out to the open event streams: channel messages to every browser of the tenant, ephemeral ones (errors,
 * help) only to the streams of the person who typed the command.
 *
 * @example
 *   const hub = new LiveHub();
 *   const leave = hub.join({ tenantId: 'local', userId: 'u1', send: (event) => stream.write(event) });
 *   hub.toTenant('local', { type: 'message', message });
 */
export class LiveHub {
  private readonly clients = new Set<LiveClient>();

  join(client: LiveClient): () => void {
    this.clients.add(client);
    return () => this.clients.delete(client);
  }

  toTenant(tenantId: string, event: WebEvent): void {
    for (const client of this.clients) if (client.tenantId === tenantId) client.send(event);
  }

  toUser(tenantId: string, userId: string, event: WebEvent): void {
    for (const client of this.clients) if (client.tenantId === tenantId && client.userId === userId) client.send(event);
  }

  get size(): number {
    return this.clients.size;
  }
}
