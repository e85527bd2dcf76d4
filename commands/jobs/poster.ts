import { randomUUID } from 'node:crypto';
import type { PostStore } from '../../engine/store/ports.js';
import type { ChatSink, Conversation, Reply } from '../reply.js';

/** What a post produced: the platform's message id, the thread it opened, and whether it was skipped. */
export interface PostOutcome {
  messageId?: string;
  threadKey?: string;
  /** True when the idempotency key was already recorded, so nothing was posted. */
  skipped: boolean;
}

/**
 * Posts replies through a ChatSink at most once per idempotency key. The key is reserved in the
 * PostStore before posting and completed with the platform id after; a key already recorded is
 * never posted again, so a resumed job replays without duplicates (a crash between the
 * reservation and the post loses that one message rather than doubling it).
 * Progress replies are edits of one message: the first one is recorded, later ones edit it.
 *
 * @example
 *   const poster = new IdempotentPoster(store, sink);
 *   await poster.post(conversation, { kind: 'text', text: 'hi', idempotencyKey: 'job:1:answer:Ada:1' });
 */
export class IdempotentPoster {
  constructor(
    private readonly store: PostStore,
    private readonly sink: ChatSink,
  ) {}

  async post(conversation: Conversation, reply: Reply): Promise<PostOutcome> {
    if (reply.ephemeral && !reply.idempotencyKey) {
      const result = await this.sink.post(conversation, reply);
      return { ...result, skipped: false };
    }
    if (reply.kind === 'progress') return this.postProgress(conversation, reply);
    const key = reply.idempotencyKey ?? `msg:${randomUUID()}`;
    const existing = await this.store.findPost(conversation.tenantId, key);
    if (existing) {
      return { messageId: existing.platformId, threadKey: reply.opensThread ? existing.platformId : existing.threadKey, skipped: true };
    }
    const record = {
      tenantId: conversation.tenantId,
      idempotencyKey: key,
      channelKey: conversation.channelKey,
      threadKey: conversation.threadKey,
      speaker: reply.speaker?.kind === 'persona' ? reply.speaker.name : undefined,
      body: describe(reply),
    };
    await this.store.recordPost(record);
    const result = await this.sink.post(conversation, { ...reply, idempotencyKey: key });
    await this.store.recordPost({ ...record, platformId: result.messageId });
    return { messageId: result.messageId, threadKey: result.threadKey, skipped: false };
  }

  private async postProgress(conversation: Conversation, reply: Extract<Reply, { kind: 'progress' }>): Promise<PostOutcome> {
    const key = reply.idempotencyKey ?? reply.progressKey;
    const existing = await this.store.findPost(conversation.tenantId, key);
    if (existing?.platformId) {
      const result = await this.sink.post(conversation, { ...reply, idempotencyKey: key, editMessageId: existing.platformId });
      return { messageId: result.messageId ?? existing.platformId, skipped: false };
    }
    const record = { tenantId: conversation.tenantId, idempotencyKey: key, channelKey: conversation.channelKey, threadKey: conversation.threadKey, body: describe(reply) };
    const result = await this.sink.post(conversation, { ...reply, idempotencyKey: key });
    await this.store.recordPost({ ...record, platformId: result.messageId });
    return { messageId: result.messageId, skipped: false };
  }
}

/** What is kept of a reply in the PostStore: its text and metadata, never file bytes. */
function describe(reply: Reply): Record<string, unknown> {
  switch (reply.kind) {
    case 'text':
      return { kind: 'text', text: reply.text };
    case 'image':
      return { kind: 'image', title: reply.title, altText: reply.altText, bytes: reply.png.byteLength };
    case 'file':
      return { kind: 'file', filename: reply.filename, mimeType: reply.mimeType, bytes: reply.bytes.byteLength };
    case 'progress':
      return { kind: 'progress', text: reply.text };
    case 'confirm':
      return { kind: 'confirm', text: reply.text, confirmId: reply.confirmId };
  }
}
