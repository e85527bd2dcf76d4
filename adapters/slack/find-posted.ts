import type { webApi } from '@slack/bolt';
import type { PostedMessage } from '../../commands/reply.js';

/** Message metadata event type of the bot's own posts. */
export const POST_EVENT_TYPE = 'troupe_post';

/** Message metadata every persona post carries (persona name and id, and the post's key). */
export const PERSONA_EVENT_TYPE = 'troupe_persona_post';

const TROUPE_EVENT_TYPES = new Set([POST_EVENT_TYPE, PERSONA_EVENT_TYPE]);

/** Messages read per page, and pages read at most, when looking for a posted key. */
const PAGE_SIZE = 200;
const MAX_PAGES = 5;

/** The metadata every Troupe message carries: its idempotency key, and the persona for persona posts. */
export function postMetadata(
  eventType: string,
  payload: Record<string, string | undefined>,
): { event_type: string; event_payload: Record<string, string> } | undefined {
  const entries = Object.entries(payload).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
  );
  return entries.length ? { event_type: eventType, event_payload: Object.fromEntries(entries) } : undefined;
}

interface SlackHistoryMessage {
  ts?: string;
  thread_ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

interface SlackPage {
  messages?: SlackHistoryMessage[];
  has_more?: boolean;
  response_metadata?: { next_cursor?: string };
}

/** Where to look: a thread's replies (`conversations.replies`) or the channel root (`conversations.history`). */
export type LookupPlace = { kind: 'thread'; threadTs: string } | { kind: 'channel' };

/**
 * Finds the message Troupe posted with `key` in its metadata, newest pages first, reading at most
 * MAX_PAGES × PAGE_SIZE messages per place (a crash-leftover is recent; a deep channel is not
 * scanned whole). `include_all_metadata` is what makes Slack return the metadata.
 *
 * @example
 *   const found = await findKeyedMessage(client, token, 'C1', [{ kind: 'thread', threadTs: '1700.1' }], 'job:1:answer:Ada:1:0');
 */
export async function findKeyedMessage(
  client: webApi.WebClient,
  token: string,
  channel: string,
  places: LookupPlace[],
  key: string,
): Promise<PostedMessage | undefined> {
  for (const place of places) {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const common = { token, channel, limit: PAGE_SIZE, include_all_metadata: true, ...(cursor ? { cursor } : {}) };
      const result = (
        place.kind === 'thread'
          ? await client.conversations.replies({ ...common, ts: place.threadTs } as never)
          : await client.conversations.history(common as never)
      ) as SlackPage;
      const match = (result.messages ?? []).find(
        (message) =>
          message.ts &&
          TROUPE_EVENT_TYPES.has(message.metadata?.event_type ?? '') &&
          message.metadata?.event_payload?.key === key,
      );
      if (match?.ts) return { messageId: match.ts, ...(match.thread_ts === match.ts ? { threadKey: match.ts } : {}) };
      cursor = result.response_metadata?.next_cursor || undefined;
      if (!result.has_more || !cursor) break;
    }
  }
  return undefined;
}
