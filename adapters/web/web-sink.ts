import { randomBytes } from 'node:crypto';
import type { Block, ChatSink, Conversation, PostedMessage, Reply } from '../../commands/reply.js';
import type { PersonaAvatars } from '../shared/persona-avatars.js';
import type { LiveHub } from './live-hub.js';
import type { WebBlock, WebMessage, WebSpeaker } from './web-message.js';
import type { WebTimeline } from './web-timeline.js';

/** Same-origin avatar URL; the tenant comes from the browser's session, never from the URL. */
export const avatarPath = (personaId: string) => `/avatars/${encodeURIComponent(personaId)}.png`;

/**
 * The playground's ChatSink: every reply becomes a `WebMessage` kept in the `WebTimeline` (so a reload shows it) and
 * pushed to the open pages through the `LiveHub`; ephemeral replies go only to the person's own pages and are not
 * kept. A question opens a thread whose key is the opener's id. Charts and exports are kept as blobs and linked.
 * Delivered idempotency keys are recorded, so `findPosted` answers exactly and a resumed job never posts twice.
 *
 * @example
 *   const sink = new WebSink({ timeline, hub, avatars });
 *   await sink.post({ tenantId: 'local', channelKey: 'web:main', userId: 'u1' }, { kind: 'text', text: 'hi' });
 */
export class WebSink implements ChatSink {
  constructor(private readonly deps: { timeline: WebTimeline; hub: LiveHub; avatars: PersonaAvatars }) {}

  async post(conversation: Conversation, reply: Reply): Promise<{ messageId: string; threadKey?: string }> {
    const { tenantId, channelKey } = conversation;
    const threadKey = reply.opensThread || reply.placement === 'channel' ? undefined : conversation.threadKey;
    const editing =
      reply.kind === 'progress' && reply.editMessageId
        ? await this.deps.timeline.find(tenantId, channelKey, threadKey, reply.editMessageId)
        : undefined;
    const id = editing?.id ?? (reply.kind === 'progress' ? reply.editMessageId : undefined) ?? newId();
    const message: WebMessage = {
      id,
      at: editing?.at ?? new Date().toISOString(),
      ...(threadKey ? { threadKey } : {}),
      ...(reply.opensThread ? { opensThread: true } : {}),
      kind: reply.kind,
      speaker: this.speaker(reply),
      text: '',
      ...(reply.ephemeral ? { ephemeral: true } : {}),
    };
    await this.fill(message, tenantId, reply);
    if (reply.ephemeral) {
      this.deps.hub.toUser(tenantId, conversation.userId, { type: 'message', message });
      return { messageId: id };
    }
    await this.deps.timeline.upsert(tenantId, channelKey, message);
    const opened = reply.opensThread ? id : undefined;
    if (reply.idempotencyKey)
      await this.deps.timeline.markDelivered(tenantId, reply.idempotencyKey, { messageId: id, threadKey: opened });
    this.deps.hub.toTenant(tenantId, { type: 'message', message });
    if (reply.kind !== 'progress' && message.speaker.kind === 'bot')
      this.deps.hub.toTenant(tenantId, { type: 'panels' });
    return { messageId: id, threadKey: opened };
  }

  async findPosted(conversation: Conversation, idempotencyKey: string): Promise<PostedMessage | undefined> {
    return this.deps.timeline.delivered(conversation.tenantId, idempotencyKey);
  }

  canFindPosted(reply: Reply): boolean {
    return !reply.ephemeral;
  }

  private speaker(reply: Reply): WebSpeaker {
    const speaker = reply.speaker;
    if (speaker?.kind !== 'persona') return { kind: 'bot' };
    return {
      kind: 'persona',
      name: speaker.name,
      ...(speaker.personaId ? { personaId: speaker.personaId, avatarUrl: avatarPath(speaker.personaId) } : {}),
    };
  }

  private async fill(message: WebMessage, tenantId: string, reply: Reply): Promise<void> {
    switch (reply.kind) {
      case 'text':
        message.text = reply.text;
        if (reply.blocks?.length) message.blocks = await this.blocks(tenantId, reply.blocks);
        if (reply.blocks?.some((block) => block.kind === 'roster')) message.panelCard = true;
        return;
      case 'confirm':
        message.text = reply.text;
        message.confirmId = reply.confirmId;
        return;
      case 'progress':
        message.text = reply.text;
        message.progress = { done: reply.done, total: reply.total, finished: reply.finished };
        return;
      case 'image': {
        const blobId = newId();
        await this.deps.timeline.saveBlob(tenantId, blobId, {
          filename: `${blobId}.png`,
          mimeType: 'image/png',
          bytes: Buffer.from(reply.png),
        });
        message.text = reply.title;
        message.image = { url: `/api/files/${blobId}`, title: reply.title, alt: reply.altText };
        return;
      }
      case 'file': {
        const blobId = newId();
        await this.deps.timeline.saveBlob(tenantId, blobId, {
          filename: reply.filename,
          mimeType: reply.mimeType,
          bytes: Buffer.from(reply.bytes),
        });
        message.text = reply.title ?? reply.filename;
        message.file = {
          url: `/api/files/${blobId}`,
          filename: reply.filename,
          mimeType: reply.mimeType,
          title: reply.title,
          size: reply.bytes.byteLength,
        };
        return;
      }
    }
  }

  private async blocks(tenantId: string, blocks: Block[]): Promise<WebBlock[]> {
    if (!blocks.some((block) => block.kind === 'roster')) return blocks as WebBlock[];
    const ids = await this.deps.avatars.idsByName(tenantId);
    return blocks.map((block) =>
      block.kind !== 'roster'
        ? block
        : {
            kind: 'roster',
            people: block.people.map((person) => {
              const id = ids.get(person.name)?.id;
              return {
                name: person.name,
                bio: person.bio,
                ...(id ? { personaId: id, avatarUrl: avatarPath(id) } : {}),
              };
            }),
          },
    );
  }
}

function newId(): string {
  return `m${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}
