import { randomUUID } from 'node:crypto';
import type { PostRecord, PostStore } from '../../engine/store/ports.js';
import type { ChatSink, Conversation, Reply } from '../reply.js';

/** What a post produced: the platform's message id, the thread it opened, and whether it was skipped. */
export interface PostOutcome {
  messageId?: string;
  threadKey?: string;
  /** True when nothing was posted now: the key was already delivered (or possibly delivered). */
  skipped: boolean;
  /**
   * True when the key was reserved by an earlier process that stopped before confirming the post
   * and the sink cannot tell whether it was delivered: it is not posted again (no duplicate), so
   * it may be missing from the conversation. Also reported through `onUncertain`.
   */
  uncertain?: boolean;
  /** True when a reserved key's message was found already delivered by `sink.findPosted` (and its id recorded now). */
  recovered?: boolean;
}

/** A reserved post whose delivery could not be verified (see `PostOutcome.uncertain`). */
export interface UncertainPost {
  conversation: Conversation;
  idempotencyKey: string;
  kind: Reply['kind'];
  /** Why it could not be verified: the sink has no lookup, cannot see this kind, or the lookup failed. */
  reason: 'no-lookup' | 'not-visible' | 'lookup-failed';
  error?: unknown;
}

export interface PosterOptions {
  /** Called for every uncertain post (log it: the message may be missing from the conversation). */
  onUncertain?(post: UncertainPost): void;
}

/**
 * Posts replies through a ChatSink exactly once per idempotency key when the sink can look up
 * what it delivered, at most once otherwise.
 *
 * The key is reserved in the PostStore before posting and completed with the platform id after.
 * A completed key is never posted again. A key reserved but never completed means a previous
 * process stopped between the reservation and the confirmation (the message may or may not have
 * reached the platform); then:
 * - the sink has `findPosted` (and `canFindPosted(reply)` is not false): found → its id is
 *   recorded and nothing is posted; not found → it is posted now and recorded (exactly once);
 * - otherwise it is NOT posted (at most once: never a duplicate, possibly a missing message) and
 *   the outcome says `uncertain: true` (also passed to `onUncertain`).
 * Progress replies are edits of one status message: reserved, posted, recorded; later ones edit
 * it. A progress message whose delivery cannot be verified is posted afresh (a second status line
 * beats a silent job). Assumes one process posts for a store at a time; within the process,
 * concurrent posts of one key wait for the first.
 *
 * @example
 *   const poster = new IdempotentPoster(store, sink, { onUncertain: (p) => log(`maybe lost: ${p.idempotencyKey}`) });
 *   await poster.post(conversation, { kind: 'text', text: 'hi', idempotencyKey: 'job:1:answer:Ada:1' });
 */
export class IdempotentPoster {
  private readonly inFlight = new Map<string, Promise<PostOutcome>>();

  constructor(
    private readonly store: PostStore,
    private readonly sink: ChatSink,
    private readonly options: PosterOptions = {},
  ) {}

  async post(conversation: Conversation, reply: Reply): Promise<PostOutcome> {
    if (reply.ephemeral && !reply.idempotencyKey) {
      const result = await this.sink.post(conversation, reply);
      return { ...result, skipped: false };
    }
    const key = reply.idempotencyKey ?? (reply.kind === 'progress' ? reply.progressKey : `msg:${randomUUID()}`);
    const slot = `${conversation.tenantId}\u0000${key}`;
    const running = this.inFlight.get(slot);
    if (running) {
      // The same key is being posted right now: its reservation is not a crash leftover.
      const outcome = await running.catch(() => undefined);
      // A failed first attempt leaves its reservation: this one then looks it up like a crash leftover.
      if (outcome && reply.kind !== 'progress') return { ...outcome, skipped: true };
    }
    const work =
      reply.kind === 'progress' ? this.postProgress(conversation, reply, key) : this.postOnce(conversation, reply, key);
    this.inFlight.set(slot, work);
    try {
      return await work;
    } finally {
      if (this.inFlight.get(slot) === work) this.inFlight.delete(slot);
    }
  }

  private async postOnce(conversation: Conversation, reply: Reply, key: string): Promise<PostOutcome> {
    const existing = await this.store.findPost(conversation.tenantId, key);
    if (existing?.platformId) {
      return {
        messageId: existing.platformId,
        threadKey: reply.opensThread ? existing.platformId : existing.threadKey,
        skipped: true,
      };
    }
    const record = recordOf(conversation, reply, key);
    if (existing) {
      const verdict = await this.lookUp(conversation, reply, key);
      if (verdict.kind === 'found') {
        await this.store.recordPost({ ...record, platformId: verdict.messageId });
        return {
          messageId: verdict.messageId,
          threadKey: reply.opensThread ? verdict.messageId : existing.threadKey,
          skipped: true,
          recovered: true,
        };
      }
      if (verdict.kind === 'unknown')
        return { threadKey: reply.opensThread ? undefined : existing.threadKey, skipped: true, uncertain: true };
    } else {
      await this.store.recordPost(record);
    }
    const result = await this.sink.post(conversation, { ...reply, idempotencyKey: key });
    await this.store.recordPost({ ...record, platformId: result.messageId });
    return { messageId: result.messageId, threadKey: result.threadKey, skipped: false };
  }

  private async postProgress(
    conversation: Conversation,
    reply: Extract<Reply, { kind: 'progress' }>,
    key: string,
  ): Promise<PostOutcome> {
    const existing = await this.store.findPost(conversation.tenantId, key);
    if (existing?.platformId) {
      const result = await this.sink.post(conversation, {
        ...reply,
        idempotencyKey: key,
        editMessageId: existing.platformId,
      });
      return { messageId: result.messageId ?? existing.platformId, skipped: false };
    }
    const record = recordOf(conversation, reply, key);
    let uncertain = false;
    if (existing) {
      const verdict = await this.lookUp(conversation, reply, key);
      if (verdict.kind === 'found') {
        await this.store.recordPost({ ...record, platformId: verdict.messageId });
        const result = await this.sink.post(conversation, {
          ...reply,
          idempotencyKey: key,
          editMessageId: verdict.messageId,
        });
        return { messageId: result.messageId ?? verdict.messageId, skipped: false, recovered: true };
      }
      uncertain = verdict.kind === 'unknown';
    } else {
      await this.store.recordPost(record);
    }
    const result = await this.sink.post(conversation, { ...reply, idempotencyKey: key });
    await this.store.recordPost({ ...record, platformId: result.messageId });
    return { messageId: result.messageId, skipped: false, ...(uncertain ? { uncertain } : {}) };
  }

  /** Asks the sink whether a reserved key's message was delivered; `unknown` when it cannot tell. */
  private async lookUp(
    conversation: Conversation,
    reply: Reply,
    key: string,
  ): Promise<{ kind: 'found'; messageId: string } | { kind: 'absent' } | { kind: 'unknown' }> {
    const report = (reason: UncertainPost['reason'], error?: unknown) => {
      this.options.onUncertain?.({
        conversation,
        idempotencyKey: key,
        kind: reply.kind,
        reason,
        ...(error === undefined ? {} : { error }),
      });
      return { kind: 'unknown' as const };
    };
    if (!this.sink.findPosted) return report('no-lookup');
    if (reply.ephemeral || this.sink.canFindPosted?.(reply) === false) return report('not-visible');
    try {
      const found = await this.sink.findPosted(conversation, key, { ...reply, idempotencyKey: key });
      return found ? { kind: 'found', messageId: found.messageId } : { kind: 'absent' };
    } catch (error) {
      return report('lookup-failed', error);
    }
  }
}

function recordOf(conversation: Conversation, reply: Reply, key: string): PostRecord {
  return {
    tenantId: conversation.tenantId,
    idempotencyKey: key,
    channelKey: conversation.channelKey,
    threadKey: conversation.threadKey,
    speaker: reply.speaker?.kind === 'persona' ? reply.speaker.name : undefined,
    body: describe(reply),
  };
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
