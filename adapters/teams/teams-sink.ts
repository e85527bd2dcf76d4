import type { App } from '@microsoft/teams.apps';
import type { ChatSink, Conversation, PostedMessage, Reply } from '../../commands/reply.js';
import { PlatformError } from '../../engine/errors.js';
import type { KeyValueStore } from '../../engine/store/ports.js';
import type { PersonaAvatars } from '../shared/persona-avatars.js';
import type { ConversationReferences, StoredReference } from './conversation-refs.js';
import type { FileLinks } from './file-links.js';
import { chainConversationId } from './inbound.js';
import { fileCard, imageCard, progressCard, renderCard } from './render-card.js';
import { safeTeamsText } from './safe-teams-text.js';
import type { ConversationSendQueue } from './send-queue.js';

export interface TeamsSinkOptions {
  app: App;
  refs: ConversationReferences;
  queue: ConversationSendQueue;
  /**
   * The lane for updates of an existing progress card (`updateActivity`, paced apart from sends):
   * defaults to `queue`; a separate queue keeps progress edits from taking persona posts' slots.
   */
  editQueue?: ConversationSendQueue;
  avatars: PersonaAvatars;
  store: KeyValueStore;
  /** Expiring links for charts and exports (needs TROUPE_PUBLIC_URL); without it charts go inline when small. */
  links?: FileLinks;
}

/** An outbound activity (message with an optional Adaptive Card). */
interface OutboundActivity {
  type: 'message';
  text?: string;
  summary?: string;
  attachments?: { contentType: string; content: unknown }[];
}

const CARD = 'application/vnd.microsoft.card.adaptive';
/** Largest PNG sent inline as a data URI (a Teams message must stay under ~28 KB). */
const MAX_INLINE_PNG = 18_000;

const sentKey = (key: string) => `teams:sent:${key}`;
const sendingKey = (key: string) => `teams:sending:${key}`;
const progressKey = (key: string) => `teams:progress:${key}`;
const personalKey = (userId: string) => `teams:personal:${userId}`;

/** A connector answer that proves the activity was not delivered (4xx other than 408/429). */
function certainlyNotDelivered(error: unknown): boolean {
  const status = (error as { response?: { status?: number } } | undefined)?.response?.status;
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * The ChatSink for Teams. Posts proactively from stored conversation references (so results
 * arrive after the turn ended), through the per-conversation send queue (Teams' pacing, 429
 * Retry-After). A question opens a reply chain (`POST v3/conversations` in the channel); replies
 * in a thread go to `<channel>;messageid=<root>`; persona answers are Adaptive Cards with the
 * persona's avatar and name; progress is one card updated in place (`PUT …/activities/{id}`);
 * charts are card images and exports card links through FileLinks; ephemeral replies go to the
 * asker in a 1:1 chat when Teams allows it, else into the conversation.
 *
 * Exactly-once: each keyed post is marked "sending" before the connector call and "sent" with the
 * connector's activity id after it, in the store. `findPosted` answers from those marks: sent →
 * found; never sending → certainly absent (re-post); sending without sent → unknown (throws, so
 * the poster does not re-post: the Bot Framework connector cannot list a conversation's messages).
 *
 * @example
 *   const sink = new TeamsSink({ app, refs, queue, avatars, store, links });
 */
export class TeamsSink implements ChatSink {
  constructor(private readonly options: TeamsSinkOptions) {}

  async post(conversation: Conversation, reply: Reply): Promise<{ messageId: string; threadKey?: string }> {
    const ref = await this.options.refs.get(conversation.tenantId, conversation.channelKey);
    if (reply.ephemeral && reply.kind !== 'progress' && ref.conversationType !== 'personal') {
      const personal = await this.personalConversation(conversation, ref).catch(() => undefined);
      if (personal) {
        const id = await this.send(personal, ref, await this.activityOf(conversation, reply));
        return { messageId: id };
      }
    }
    if (reply.kind === 'progress') return this.progress(conversation, ref, reply);
    const activity = await this.activityOf(conversation, reply);
    const key = reply.idempotencyKey;
    const root = reply.placement === 'channel' || !conversation.threadKey;
    const opensChain = ref.conversationType === 'channel' && root && Boolean(reply.opensThread);
    const target =
      ref.conversationType === 'channel' && !root && conversation.threadKey
        ? chainConversationId(ref.conversationId, conversation.threadKey)
        : ref.conversationId;
    if (key) await this.options.store.setValue(conversation.tenantId, sendingKey(key), { at: Date.now() });
    let id: string;
    try {
      id = opensChain ? await this.openChain(ref, activity) : await this.send(target, ref, activity);
    } catch (error) {
      if (key && certainlyNotDelivered(error))
        await this.options.store.deleteValue(conversation.tenantId, sendingKey(key));
      throw error;
    }
    const threadKey = reply.opensThread ? id : undefined;
    if (key) await this.options.store.setValue(conversation.tenantId, sentKey(key), { id, threadKey });
    return { messageId: id, ...(threadKey ? { threadKey } : {}) };
  }

  async findPosted(conversation: Conversation, idempotencyKey: string): Promise<PostedMessage | undefined> {
    const sent = (await this.options.store.getValue(conversation.tenantId, sentKey(idempotencyKey))) as
      | { id: string; threadKey?: string }
      | undefined;
    if (sent) return { messageId: sent.id, ...(sent.threadKey ? { threadKey: sent.threadKey } : {}) };
    if ((await this.options.store.getValue(conversation.tenantId, sendingKey(idempotencyKey))) !== undefined)
      throw new PlatformError(
        'teams.delivery-unknown',
        `A post (${idempotencyKey}) was being sent when Troupe stopped; the Teams connector cannot say whether it arrived.`,
      );
    return undefined;
  }

  /** Every non-ephemeral reply carries its key in Troupe's send marks. */
  canFindPosted(reply: Reply): boolean {
    return !reply.ephemeral;
  }

  /** The activity for a text, confirm, image or file reply. */
  private async activityOf(conversation: Conversation, reply: Reply): Promise<OutboundActivity> {
    const { links } = this.options;
    if (reply.kind === 'image') {
      const png = Buffer.from(reply.png);
      const url = links
        ? await links.publish(conversation.tenantId, { filename: 'chart.png', mimeType: 'image/png', bytes: png })
        : png.length <= MAX_INLINE_PNG
          ? `data:image/png;base64,${png.toString('base64')}`
          : undefined;
      if (!url)
        return {
          type: 'message',
          text: safeTeamsText(`${reply.title} (chart too large to show inline; set TROUPE_PUBLIC_URL)`),
        };
      return withCard(reply.title, imageCard(reply.title, url, reply.altText));
    }
    if (reply.kind === 'file') {
      const title = reply.title ?? reply.filename;
      if (!links)
        return {
          type: 'message',
          text: safeTeamsText(`${title}: set TROUPE_PUBLIC_URL to get export links in Teams.`),
        };
      const url = await links.publish(conversation.tenantId, {
        filename: reply.filename,
        mimeType: reply.mimeType,
        bytes: Buffer.from(reply.bytes),
      });
      return withCard(title, fileCard(title, url, links.ttlHours));
    }
    const byName = await this.avatarIds(conversation.tenantId, reply);
    const rendered = renderCard(reply, (person) =>
      this.options.avatars.imageUrl(conversation.tenantId, {
        name: person.name,
        personaId: person.personaId ?? byName.get(person.name)?.id,
        avatar: person.avatar ?? byName.get(person.name)?.avatar,
      }),
    );
    if (!rendered.card) return { type: 'message', text: safeTeamsText(rendered.text) };
    return withCard(rendered.text, rendered.card);
  }

  private async avatarIds(tenantId: string, reply: Reply): Promise<Map<string, { id: string; avatar?: string }>> {
    if (reply.kind !== 'text' || !reply.blocks?.some((block) => block.kind === 'roster')) return new Map();
    return this.options.avatars.idsByName(tenantId);
  }

  private send(conversationId: string, ref: StoredReference, activity: OutboundActivity): Promise<string> {
    const api = this.options.app.api.clone({ serviceUrl: ref.serviceUrl });
    return this.options.queue.enqueue(conversationId, async () => {
      const result = await api.conversations.createActivity(conversationId, activity as never);
      return String((result as { id?: string }).id ?? '');
    });
  }

  /** A new reply chain in the channel: `POST v3/conversations` with the channel and the first activity. */
  private openChain(ref: StoredReference, activity: OutboundActivity): Promise<string> {
    const api = this.options.app.api.clone({ serviceUrl: ref.serviceUrl });
    return this.options.queue.enqueue(ref.conversationId, async () => {
      const created = await api.conversations.create({
        isGroup: true,
        channelData: { channel: { id: ref.channelId ?? ref.conversationId }, tenant: { id: ref.tenantId } },
        tenantId: ref.tenantId,
        activity: activity as never,
      });
      const id = (created as { activityId?: string }).activityId;
      if (!id)
        throw new PlatformError('teams.no-activity-id', 'Teams created a reply chain but returned no activity id.');
      return id;
    });
  }

  /** The 1:1 chat with the asker (created once, then remembered). */
  private async personalConversation(conversation: Conversation, ref: StoredReference): Promise<string> {
    const known = (await this.options.store.getValue(conversation.tenantId, personalKey(conversation.userId))) as
      | string
      | undefined;
    if (known) return known;
    const api = this.options.app.api.clone({ serviceUrl: ref.serviceUrl });
    const created = await api.conversations.create({
      isGroup: false,
      bot: { id: ref.bot.id },
      members: [{ id: conversation.userId, role: 'user', name: '' } as never],
      tenantId: ref.tenantId,
      channelData: { tenant: { id: ref.tenantId } },
    });
    const id = (created as { id?: string }).id;
    if (!id) throw new PlatformError('teams.no-conversation', 'Teams did not open a 1:1 chat.');
    await this.options.store.setValue(conversation.tenantId, personalKey(conversation.userId), id);
    return id;
  }

  private async progress(
    conversation: Conversation,
    ref: StoredReference,
    reply: Extract<Reply, { kind: 'progress' }>,
  ): Promise<{ messageId: string }> {
    const icon = reply.finished ? (/\b(failed|cancelled)$/.test(reply.text.trimEnd()) ? '⚠️' : '✅') : '⏳';
    const status = `${icon} ${reply.text}`;
    const activity = withCard(status, progressCard(status, reply.done, reply.total, reply.finished));
    const target =
      ref.conversationType === 'channel' && conversation.threadKey
        ? chainConversationId(ref.conversationId, conversation.threadKey)
        : ref.conversationId;
    const known = (await this.options.store.getValue(conversation.tenantId, progressKey(reply.progressKey))) as
      | { conversationId: string; id: string }
      | undefined;
    const editing = known ?? (reply.editMessageId ? { conversationId: target, id: reply.editMessageId } : undefined);
    if (editing) {
      const api = this.options.app.api.clone({ serviceUrl: ref.serviceUrl });
      await (this.options.editQueue ?? this.options.queue).enqueue(editing.conversationId, () =>
        api.conversations.updateActivity(editing.conversationId, editing.id, activity as never),
      );
      return { messageId: editing.id };
    }
    const id = await this.send(target, ref, activity);
    await this.options.store.setValue(conversation.tenantId, progressKey(reply.progressKey), {
      conversationId: target,
      id,
    });
    return { messageId: id };
  }
}

/**
 * A message carrying one Adaptive Card; `summary` is what notifications and screen readers read first.
 * It, the card's `fallbackText` and its `speak` (SSML) carry the same model or user text as the card, so
 * they pass the same outgoing-text rule as an activity's `text` (clipped first, so no entity is cut).
 */
function withCard(text: string, card: object): OutboundActivity {
  const summary = safeTeamsText(text.length > 280 ? `${text.slice(0, 279)}…` : text);
  const content = { ...card, fallbackText: summary, speak: summary };
  return { type: 'message', summary, attachments: [{ contentType: CARD, content }] };
}
