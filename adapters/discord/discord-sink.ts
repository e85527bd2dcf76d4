import { createHash } from 'node:crypto';
import { DiscordAPIError, MessageFlags, type REST, type RawFile, Routes } from 'discord.js';
import type { ChatSink, Conversation, PostedMessage, Reply } from '../../commands/reply.js';
import { PlatformError } from '../../engine/errors.js';
import type { KeyValueStore } from '../../engine/store/ports.js';
import type { ChannelWebhooks } from './channel-webhooks.js';
import { NO_MENTIONS } from './escape-mentions.js';
import { findPost, type PostFingerprint } from './find-posted.js';
import type { DeferredInteraction, PendingInteractions } from './pending-interactions.js';
import { type DiscordMessageBody, renderMessage } from './render-message.js';
import type { ThreadSendQueue } from './thread-queue.js';

export interface DiscordSinkOptions {
  /** discord.js REST with the bot token (its manager waits out 429s and buckets). */
  rest: REST;
  /** REST without automatic retries, for webhook posts (a blind retry of a 5xx could post twice). */
  webhookRest: REST;
  botUserId: () => string;
  webhooks: ChannelWebhooks;
  queue: ThreadSendQueue;
  /**
   * The lane for edits of an existing progress message (its own rate bucket, not a webhook post):
   * defaults to `queue`; a separate queue keeps progress edits from taking persona posts' turns.
   */
  editQueue?: ThreadSendQueue;
  interactions: PendingInteractions;
  store: KeyValueStore;
  /** Persona avatar URL Discord can fetch (needs TROUPE_PUBLIC_URL); undefined → Discord's default avatar. */
  avatarUrl: (tenantId: string, persona: { name: string; personaId?: string; avatar?: string }) => string | undefined;
  /** Attempts for a webhook post whose outcome is unknown (5xx, timeout), each after a look-up. */
  attempts?: number;
}

const progressKey = (key: string) => `discord:progress:${key}`;
const threadKey = (threadId: string) => `discord:thread:${threadId}`;

/** A Discord nonce (at most 25 characters) derived from an idempotency key. */
export function nonceOf(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 25);
}

/** The parent channel of a thread Troupe opened (recorded when it opened it). */
export async function parentOfThread(store: KeyValueStore, tenantId: string, threadId: string) {
  return (await store.getValue(tenantId, threadKey(threadId))) as { parent: string } | undefined;
}

/** Webhook usernames may not contain "discord" or "clyde" and are 1–80 characters. */
export function webhookUsername(name: string): string {
  return (
    name
      .replace(/discord/gi, 'd1scord')
      .replace(/clyde/gi, 'clyd3')
      .trim() || 'Persona'
  ).slice(0, 80);
}

/** Errors after which a post may or may not have arrived (server error, timeout, network). */
function uncertain(error: unknown): boolean {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status >= 500 : true;
}

/** discord.js message options (interaction replies) from a rendered body. */
function asOptions(body: DiscordMessageBody): Record<string, unknown> {
  return {
    content: body.content,
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    allowedMentions: { parse: [] },
  };
}

/**
 * The ChatSink for Discord. Bot replies go to the channel or thread as messages with a nonce
 * derived from the idempotency key and `enforce_nonce` (Discord returns the earlier message
 * instead of posting twice); persona answers go through the parent channel's one webhook with the
 * persona's `username`, `avatar_url` and `thread_id`; a question that opens a thread is posted at
 * the channel root and a public thread is started on it (thread id = message id). The first reply
 * to a deferred interaction edits its placeholder (progress then keeps editing it); ephemeral
 * replies are ephemeral follow-ups. Charts and exports are attachments. Every post carries
 * `allowed_mentions: { parse: [] }`. Posts to one channel or thread leave in order (send queue).
 *
 * @example
 *   const sink = new DiscordSink({ rest, webhookRest, botUserId, webhooks, queue, interactions, store, avatarUrl });
 *   await sink.post({ tenantId: 'discord:1', channelKey: '110', userId: '7' }, { kind: 'text', text: 'hi' });
 */
export class DiscordSink implements ChatSink {
  constructor(private readonly options: DiscordSinkOptions) {}

  async post(conversation: Conversation, reply: Reply): Promise<{ messageId: string; threadKey?: string }> {
    const target =
      reply.placement === 'channel' || !conversation.threadKey ? conversation.channelKey : conversation.threadKey;
    const send = <T>(work: () => Promise<T>) => this.options.queue.enqueue(target, work);
    if (reply.kind === 'progress') return this.progress(conversation, target, reply);
    const rendered = renderMessage(reply);
    if (reply.ephemeral) {
      const waiting = this.options.interactions.peek(conversation);
      if (waiting) return this.ephemeral(conversation, waiting, rendered);
    }
    const persona = reply.speaker?.kind === 'persona' ? reply.speaker : undefined;
    if (persona && (reply.kind === 'text' || reply.kind === 'confirm'))
      return send(() => this.personaPost(conversation, target, reply, rendered));
    if (reply.kind === 'image' || reply.kind === 'file') return send(() => this.upload(target, reply, rendered));
    if (!reply.opensThread && reply.placement !== 'channel') {
      const interaction = this.options.interactions.take(conversation);
      if (interaction) {
        const message = await interaction.editReply(asOptions(rendered));
        return { messageId: message.id };
      }
    }
    const id = await send(() => this.botPost(target, rendered, reply.idempotencyKey));
    if (!reply.opensThread) return { messageId: id };
    await this.openThread(conversation, id, reply.kind === 'text' ? reply.text : 'Question');
    return { messageId: id, threadKey: id };
  }

  /**
   * Was this reply already delivered? Discord keeps no key on fetched messages, so the reply is
   * rendered again and looked for by author and exact content among the channel's or thread's
   * recent messages. A question found at the root gets its thread (created if the crash came first).
   */
  async findPosted(conversation: Conversation, _key: string, reply?: Reply): Promise<PostedMessage | undefined> {
    if (!reply) throw new PlatformError('discord.lookup', 'A Discord look-up needs the reply it is looking for.');
    const target =
      reply.placement === 'channel' || !conversation.threadKey ? conversation.channelKey : conversation.threadKey;
    const print = await this.fingerprint(conversation, reply);
    const found = await this.options.queue.enqueue(target, () => findPost(this.options.rest, target, print));
    if (!found) return undefined;
    if (!reply.opensThread) return { messageId: found };
    await this.openThread(conversation, found, reply.kind === 'text' ? reply.text : 'Question');
    return { messageId: found, threadKey: found };
  }

  /** Text, confirm, image and file posts can be recognised again; progress (edited) and ephemeral ones cannot. */
  canFindPosted(reply: Reply): boolean {
    return !reply.ephemeral && reply.kind !== 'progress';
  }

  /** Shows "Troupe is typing…" in a channel or thread (about ten seconds, or until the next post). */
  async typing(channelId: string): Promise<void> {
    await this.options.rest.post(Routes.channelTyping(channelId)).catch(() => undefined);
  }

  private async fingerprint(conversation: Conversation, reply: Reply): Promise<PostFingerprint> {
    const rendered = renderMessage(reply);
    const embedDescription = rendered.embeds?.[0]?.description as string | undefined;
    const base = { content: rendered.content, ...(embedDescription !== undefined ? { embedDescription } : {}) };
    if (reply.kind === 'image' || reply.kind === 'file')
      return { ...base, author: { kind: 'bot', id: this.options.botUserId() }, filename: fileOf(reply).name };
    if (reply.speaker?.kind === 'persona') {
      const hook = await this.options.webhooks.forChannel(conversation.tenantId, conversation.channelKey);
      return { ...base, author: { kind: 'webhook', id: hook.id, username: webhookUsername(reply.speaker.name) } };
    }
    return { ...base, author: { kind: 'bot', id: this.options.botUserId() } };
  }

  private async ephemeral(
    conversation: Conversation,
    interaction: DeferredInteraction,
    rendered: DiscordMessageBody,
  ): Promise<{ messageId: string }> {
    const message = await interaction.followUp({ ...asOptions(rendered), flags: MessageFlags.Ephemeral });
    // The public "thinking…" placeholder would otherwise stay forever.
    if (this.options.interactions.take(conversation) === interaction)
      await interaction.deleteReply().catch(() => undefined);
    return { messageId: message.id };
  }

  private async botPost(channelId: string, body: DiscordMessageBody, key?: string): Promise<string> {
    const message = (await this.options.rest.post(Routes.channelMessages(channelId), {
      body: { ...body, ...(key ? { nonce: nonceOf(key), enforce_nonce: true } : {}) },
    })) as { id: string };
    return message.id;
  }

  private async personaPost(
    conversation: Conversation,
    target: string,
    reply: Extract<Reply, { kind: 'text' | 'confirm' }>,
    rendered: DiscordMessageBody,
  ): Promise<{ messageId: string }> {
    const speaker = reply.speaker?.kind === 'persona' ? reply.speaker : undefined;
    const username = webhookUsername(speaker?.name ?? 'Persona');
    const avatar = speaker ? this.options.avatarUrl(conversation.tenantId, speaker) : undefined;
    const inThread = target !== conversation.channelKey;
    const attempts = this.options.attempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      const hook = await this.options.webhooks.forChannel(conversation.tenantId, conversation.channelKey);
      try {
        const message = (await this.options.webhookRest.post(Routes.webhook(hook.id, hook.token), {
          auth: false,
          query: new URLSearchParams({ wait: 'true', ...(inThread ? { thread_id: target } : {}) }),
          body: { ...rendered, username, ...(avatar ? { avatar_url: avatar } : {}) },
        })) as { id: string };
        return { messageId: message.id };
      } catch (error) {
        if (error instanceof DiscordAPIError && error.code === 10015 && attempt < attempts) {
          await this.options.webhooks.forget(conversation.tenantId, conversation.channelKey);
          continue;
        }
        if (!uncertain(error) || attempt >= attempts) throw error;
        // It may have arrived: look before posting again (never twice).
        const print: PostFingerprint = {
          author: { kind: 'webhook', id: hook.id, username },
          content: rendered.content,
        };
        const found = await findPost(this.options.rest, target, print);
        if (found) return { messageId: found };
      }
    }
  }

  private async upload(
    channelId: string,
    reply: Extract<Reply, { kind: 'image' | 'file' }>,
    rendered: DiscordMessageBody,
  ): Promise<{ messageId: string }> {
    const file = fileOf(reply);
    const message = (await this.options.rest.post(Routes.channelMessages(channelId), {
      body: {
        ...rendered,
        attachments: [
          {
            id: 0,
            filename: file.name,
            ...(reply.kind === 'image' ? { description: reply.altText.slice(0, 1024) } : {}),
          },
        ],
        ...(reply.idempotencyKey ? { nonce: nonceOf(reply.idempotencyKey), enforce_nonce: true } : {}),
      },
      files: [file],
    })) as { id: string };
    return { messageId: message.id };
  }

  private async openThread(conversation: Conversation, messageId: string, text: string): Promise<void> {
    const name = text.replace(/\s+/g, ' ').trim().slice(0, 100) || 'Question';
    await this.options.queue.enqueue(conversation.channelKey, async () => {
      try {
        await this.options.rest.post(Routes.threads(conversation.channelKey, messageId), {
          body: { name, auto_archive_duration: 1440 },
        });
      } catch (error) {
        // 160004: the thread exists already (the crash came after it was started).
        if (!(error instanceof DiscordAPIError && error.code === 160004)) throw error;
      }
    });
    await this.options.store.setValue(conversation.tenantId, threadKey(messageId), { parent: conversation.channelKey });
    await this.typing(messageId);
  }

  private async progress(
    conversation: Conversation,
    target: string,
    reply: Extract<Reply, { kind: 'progress' }>,
  ): Promise<{ messageId: string }> {
    const icon = reply.finished ? (/\b(failed|cancelled)$/.test(reply.text.trimEnd()) ? '⚠️' : '✅') : '⏳';
    const bar = reply.total && !reply.finished ? ` ${progressBar(reply.done ?? 0, reply.total)}` : '';
    const body = { ...renderMessage({ ...reply, text: `${icon} ${reply.text}${bar}` }), allowed_mentions: NO_MENTIONS };
    const stored = (await this.options.store.getValue(conversation.tenantId, progressKey(reply.progressKey))) as
      | { channelId: string; messageId: string }
      | undefined;
    const known = reply.editMessageId
      ? { channelId: stored?.channelId ?? target, messageId: reply.editMessageId }
      : stored;
    if (known) {
      // An edit: its own lane (the interaction token's or the bot's PATCH bucket), never a persona post's turn.
      return (this.options.editQueue ?? this.options.queue).enqueue(known.channelId, async () => {
        const bound = this.options.interactions.progressOf(reply.progressKey);
        const edited = bound ? await bound.editReply(asOptions(body)).catch(() => undefined) : undefined;
        if (!edited)
          await this.options.rest.patch(Routes.channelMessage(known.channelId, known.messageId), {
            body: { content: body.content, allowed_mentions: NO_MENTIONS },
          });
        if (reply.finished) this.options.interactions.unbindProgress(reply.progressKey);
        return { messageId: known.messageId };
      });
    }
    return this.options.queue.enqueue(target, async () => {
      const interaction = this.options.interactions.take(conversation);
      let messageId: string;
      if (interaction) {
        messageId = (await interaction.editReply(asOptions(body))).id;
        if (!reply.finished) this.options.interactions.bindProgress(reply.progressKey, interaction);
      } else messageId = await this.botPost(target, body, reply.idempotencyKey ?? reply.progressKey);
      await this.options.store.setValue(conversation.tenantId, progressKey(reply.progressKey), {
        channelId: target,
        messageId,
      });
      return { messageId };
    });
  }
}

function fileOf(reply: Extract<Reply, { kind: 'image' | 'file' }>): RawFile & { name: string } {
  if (reply.kind === 'image')
    return { name: `${slug(reply.title)}.png`, data: Buffer.from(reply.png), contentType: 'image/png' };
  return { name: reply.filename, data: Buffer.from(reply.bytes), contentType: reply.mimeType };
}

function progressBar(done: number, total: number): string {
  const width = 10;
  const filled = Math.max(0, Math.min(width, Math.round((done / total) * width)));
  return `\`${'█'.repeat(filled)}${'░'.repeat(width - filled)}\``;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'chart'
  );
}
