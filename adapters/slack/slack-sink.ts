import type { webApi } from '@slack/bolt';
import type { ChatSink, Conversation, PostedMessage, Reply } from '../../commands/reply.js';
import { PlatformError } from '../../engine/errors.js';
import type { KeyValueStore } from '../../engine/store/ports.js';
import type { PersonaAvatars } from '../shared/persona-avatars.js';
import { renderReply, type AvatarLookup } from './render-blocks.js';
import type { ChannelSendQueue } from './send-queue.js';
import { safeChatText } from '../../commands/safe-text.js';
import { personaEmoji, slackIcon } from './avatars.js';
import {
  findKeyedMessage,
  PERSONA_EVENT_TYPE,
  POST_EVENT_TYPE,
  postMetadata,
  type LookupPlace,
} from './find-posted.js';
import { postKeyedOnce } from './keyed-post.js';

/** Finds the bot token of a tenant (`slack:<teamId>`): one fixed token, or the workspace's installation. */
export type TokenResolver = (tenantId: string) => Promise<string>;

export { PERSONA_EVENT_TYPE, POST_EVENT_TYPE } from './find-posted.js';

/** Emoji put on a question while the personas think. */
export const THINKING_REACTION = 'thinking_face';

export interface SlackSinkOptions {
  client: webApi.WebClient;
  /**
   * Client for `chat.postMessage`, configured without automatic retries: a retried post could be
   * delivered twice, so keyed posts are retried here only after checking they did not arrive.
   * Defaults to `client`.
   */
  postClient?: webApi.WebClient;
  tokens: TokenResolver;
  /** The per-channel posting queue (Slack's ~1 message per second per channel). */
  queue: ChannelSendQueue;
  /**
   * The lane for edits of an existing progress message (`chat.update`, a separate rate tier):
   * an edit never takes a posting slot from a persona answer. Defaults to `queue`.
   */
  editQueue?: ChannelSendQueue;
  avatars: PersonaAvatars;
  store: KeyValueStore;
}

const progressKey = (key: string) => `slack:progress:${key}`;
const thinkingKey = (jobId: string) => `slack:thinking:${jobId}`;

/** `job:<id>:…` → `<id>`. */
export function jobIdOf(key: string | undefined): string | undefined {
  return key ? /^job:([^:]+):/.exec(key)?.[1] : undefined;
}

/**
 * The ChatSink for Slack: renders replies as Block Kit and posts them through the per-channel
 * send queue (order kept, 429s waited out); edits of a progress message go through `editQueue`,
 * outside the posting queue. Persona answers go out with the persona's `username`
 * and icon and metadata naming the persona; progress is one message per `progressKey`, edited in
 * place (`chat.update`) with its ts kept in the store; a question gets a :thinking_face: reaction
 * until its job finishes; charts and exports are uploaded into the thread; ephemeral replies go to
 * the person who asked.
 *
 * @example
 *   const sink = new SlackSink({ client, tokens: async () => 'xoxb-…', queue, avatars, store });
 *   await sink.post({ tenantId: 'slack:T1', channelKey: 'C1', userId: 'U1' }, { kind: 'text', text: 'hi' });
 */
export class SlackSink implements ChatSink {
  constructor(private readonly options: SlackSinkOptions) {}

  async post(conversation: Conversation, reply: Reply): Promise<{ messageId: string; threadKey?: string }> {
    const token = await this.options.tokens(conversation.tenantId);
    const channel = conversation.channelKey;
    const threadTs = reply.placement === 'channel' ? undefined : conversation.threadKey;
    const send = <T>(work: () => Promise<T>) => this.options.queue.enqueue(channel, work);
    if (reply.ephemeral && reply.kind !== 'progress') {
      const rendered = renderReply(reply, await this.lookup(conversation.tenantId, reply));
      const result = await send(() =>
        this.options.client.chat.postEphemeral({
          token,
          channel,
          user: conversation.userId,
          thread_ts: threadTs,
          text: rendered.text,
          blocks: rendered.blocks as never,
        }),
      );
      return { messageId: String(result.message_ts ?? '') };
    }
    switch (reply.kind) {
      case 'progress': {
        const known =
          reply.editMessageId ??
          ((await this.options.store.getValue(conversation.tenantId, progressKey(reply.progressKey))) as
            | string
            | undefined);
        const lane = known ? (this.options.editQueue ?? this.options.queue) : this.options.queue;
        return lane.enqueue(channel, () => this.progress(token, conversation, reply, known));
      }
      case 'image':
        return send(() =>
          this.upload(token, channel, threadTs, `${slug(reply.title)}.png`, reply.png, reply.title, reply.altText),
        );
      case 'file':
        return send(() =>
          this.upload(token, channel, threadTs, reply.filename, reply.bytes, reply.title ?? reply.filename),
        );
      case 'text':
      case 'confirm': {
        const rendered = renderReply(reply, await this.lookup(conversation.tenantId, reply));
        const speaker = reply.speaker?.kind === 'persona' ? reply.speaker : undefined;
        const key = reply.idempotencyKey;
        const metadata = speaker
          ? postMetadata(PERSONA_EVENT_TYPE, { persona: speaker.name, personaId: speaker.personaId, key })
          : postMetadata(POST_EVENT_TYPE, { key });
        const identity = {
          ...(speaker
            ? {
                username: speaker.name.slice(0, 80),
                ...slackIcon(this.options.avatars, conversation.tenantId, speaker),
              }
            : {}),
          ...(metadata ? { metadata } : {}),
        };
        const postClient = this.options.postClient ?? this.options.client;
        const postMessage = async () => {
          const result = await postClient.chat.postMessage({
            token,
            channel,
            thread_ts: threadTs,
            text: rendered.text,
            blocks: rendered.blocks as never,
            unfurl_links: false,
            ...identity,
          } as never);
          return String((result as { ts?: string }).ts ?? '');
        };
        const places: LookupPlace[] = threadTs ? [{ kind: 'thread', threadTs }] : [{ kind: 'channel' }];
        const ts = await send(() =>
          key
            ? postKeyedOnce(
                postMessage,
                async () => (await findKeyedMessage(this.options.client, token, channel, places, key))?.messageId,
                { attempts: 3 },
              )
            : postMessage(),
        );
        if (!ts) throw new PlatformError('slack.no-ts', 'Slack accepted a message but returned no timestamp.');
        if (reply.opensThread) {
          await this.startThinking(token, conversation.tenantId, channel, ts, jobIdOf(reply.idempotencyKey));
          return { messageId: ts, threadKey: ts };
        }
        return { messageId: ts };
      }
    }
  }

  /**
   * Finds a message Troupe already posted with this idempotency key (its message metadata): in the
   * thread (`conversations.replies`) or, for a channel-root reply or no thread, at the channel root
   * (`conversations.history`). Needs `channels:history` / `groups:history`; a Slack error throws
   * (the poster then does not repost).
   */
  async findPosted(
    conversation: Conversation,
    idempotencyKey: string,
    reply?: Reply,
  ): Promise<PostedMessage | undefined> {
    const token = await this.options.tokens(conversation.tenantId);
    const channel = conversation.channelKey;
    const thread: LookupPlace[] = conversation.threadKey ? [{ kind: 'thread', threadTs: conversation.threadKey }] : [];
    const atRoot = reply?.placement === 'channel' || !conversation.threadKey;
    const places: LookupPlace[] = atRoot ? [{ kind: 'channel' }] : reply ? thread : [...thread, { kind: 'channel' }];
    return this.options.queue.enqueue(channel, () =>
      findKeyedMessage(this.options.client, token, channel, places, idempotencyKey),
    );
  }

  /** Text, confirm and progress messages carry their key in metadata; uploads and ephemeral messages cannot. */
  canFindPosted(reply: Reply): boolean {
    return !reply.ephemeral && (reply.kind === 'text' || reply.kind === 'confirm' || reply.kind === 'progress');
  }

  /** Puts :thinking_face: on a message until the job `jobId` finishes (kept in the store across restarts). */
  async startThinking(
    token: string,
    tenantId: string,
    channel: string,
    ts: string,
    jobId: string | undefined,
  ): Promise<void> {
    await this.options.queue
      .enqueue(channel, () =>
        this.options.client.reactions.add({ token, channel, timestamp: ts, name: THINKING_REACTION }),
      )
      .catch(() => undefined);
    if (jobId) await this.options.store.setValue(tenantId, thinkingKey(jobId), { channel, ts });
  }

  private async progress(
    token: string,
    conversation: Conversation,
    reply: Extract<Reply, { kind: 'progress' }>,
    known: string | undefined,
  ): Promise<{ messageId: string }> {
    const { tenantId, channelKey: channel } = conversation;
    // The runner ends a finished progress text with its outcome; the words before may be anyone's (a panel named "failed-…").
    const icon = reply.finished
      ? /\b(failed|cancelled)$/.test(reply.text.trimEnd())
        ? ':warning:'
        : ':white_check_mark:'
      : ':hourglass_flowing_sand:';
    const bar = reply.total && !reply.finished ? ` ${progressBar(reply.done ?? 0, reply.total)}` : '';
    const text = `${icon} ${safeChatText(reply.text)}${bar}`;
    let ts = known;
    if (known) {
      await this.options.client.chat.update({ token, channel, ts: known, text });
    } else {
      const metadata = postMetadata(POST_EVENT_TYPE, { key: reply.idempotencyKey ?? reply.progressKey });
      const result = await this.options.client.chat.postMessage({
        token,
        channel,
        thread_ts: conversation.threadKey,
        text,
        ...(metadata ? { metadata } : {}),
      } as never);
      ts = String(result.ts ?? '');
      await this.options.store.setValue(tenantId, progressKey(reply.progressKey), ts);
    }
    if (reply.finished) await this.stopThinking(tenantId, jobIdOf(reply.progressKey), token);
    return { messageId: ts ?? '' };
  }

  /** Takes the :thinking_face: off the message of a finished job. */
  async stopThinking(tenantId: string, jobId: string | undefined, token?: string): Promise<void> {
    if (!jobId) return;
    const target = (await this.options.store.getValue(tenantId, thinkingKey(jobId))) as
      | { channel: string; ts: string }
      | undefined;
    if (!target) return;
    await this.options.store.deleteValue(tenantId, thinkingKey(jobId));
    await this.options.client.reactions
      .remove({
        token: token ?? (await this.options.tokens(tenantId)),
        channel: target.channel,
        timestamp: target.ts,
        name: THINKING_REACTION,
      })
      .catch(() => undefined);
  }

  private async upload(
    token: string,
    channel: string,
    threadTs: string | undefined,
    filename: string,
    bytes: Uint8Array,
    title: string,
    altText?: string,
  ): Promise<{ messageId: string }> {
    const result = (await this.options.client.filesUploadV2({
      token,
      channel_id: channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      file: Buffer.from(bytes),
      filename,
      title,
      ...(altText ? { alt_text: altText } : {}),
    } as never)) as { files?: { files?: { id?: string }[] }[] };
    const id = result.files?.[0]?.files?.[0]?.id;
    return { messageId: id ?? `file:${filename}` };
  }

  /** Avatar lookup for roster blocks: names → persona ids → public avatar URLs (store read only for a roster). */
  private async lookup(tenantId: string, reply: Reply): Promise<AvatarLookup> {
    if (reply.kind !== 'text' || !reply.blocks?.some((block) => block.kind === 'roster'))
      return (person) => ({ emoji: personaEmoji(person.name) });
    const byName = await this.options.avatars.idsByName(tenantId);
    return (person) => {
      const known = byName.get(person.name);
      const imageUrl = this.options.avatars.imageUrl(tenantId, {
        name: person.name,
        personaId: known?.id,
        avatar: person.avatar ?? known?.avatar,
      });
      return { imageUrl, emoji: personaEmoji(person.name) };
    };
  }
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
