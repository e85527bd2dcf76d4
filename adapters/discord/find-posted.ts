import { type REST, Routes } from 'discord.js';

/** A message as `GET /channels/{id}/messages` returns it (the fields the look-up compares). */
export interface WireMessage {
  id: string;
  content: string;
  author: { id: string; username: string };
  webhook_id?: string;
  embeds?: { description?: string }[];
  attachments?: { filename: string }[];
}

/** What identifies a post when Discord cannot carry our key on it (webhook posts take no nonce). */
export interface PostFingerprint {
  /** `bot`: posted by the bot user; `webhook`: by this webhook under this username. */
  author: { kind: 'bot'; id: string } | { kind: 'webhook'; id: string; username: string };
  content: string;
  embedDescription?: string;
  filename?: string;
}

const PAGE = 100;
const MAX_PAGES = 3;

/** True when a delivered message is the post described by the fingerprint. */
export function matches(message: WireMessage, print: PostFingerprint): boolean {
  const author =
    print.author.kind === 'bot'
      ? message.author.id === print.author.id && !message.webhook_id
      : message.webhook_id === print.author.id && message.author.username === print.author.username;
  if (!author || message.content !== print.content) return false;
  if (print.embedDescription !== undefined && message.embeds?.[0]?.description !== print.embedDescription) return false;
  if (print.filename && !message.attachments?.some((file) => file.filename === print.filename)) return false;
  return true;
}

/**
 * Looks for a post in a channel's or thread's recent messages (newest first, at most
 * MAX_PAGES × 100): used after a crash or an unknown-outcome error, before re-sending. Discord
 * returns no nonce on fetched messages and webhooks take none, so a post is recognised by its
 * author (bot user, or Troupe's webhook + persona name) and its exact rendered content.
 *
 * @example
 *   const id = await findPost(rest, threadId, { author: { kind: 'webhook', id: hookId, username: 'Ada' }, content });
 */
export async function findPost(rest: REST, channelId: string, print: PostFingerprint): Promise<string | undefined> {
  let before: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ limit: String(PAGE), ...(before ? { before } : {}) });
    const messages = (await rest.get(Routes.channelMessages(channelId), { query })) as WireMessage[];
    const found = messages.find((message) => matches(message, print));
    if (found) return found.id;
    if (messages.length < PAGE) return undefined;
    before = messages.at(-1)?.id;
  }
  return undefined;
}
