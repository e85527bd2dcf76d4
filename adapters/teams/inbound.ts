import { z } from 'zod';
import { commandSpecs } from '../../commands/grammar/specs.js';
import type { Conversation } from '../../commands/reply.js';
import type { StoredReference } from './conversation-refs.js';
import { inboundAttachmentSchema } from './file-downloads.js';

/** Words that make a mention a command (`@Troupe panel create …`, `@Troupe summarize`): the shared grammar's verbs. */
export const COMMAND_WORDS: ReadonlySet<string> = new Set(commandSpecs().map((spec) => spec.words[0]));

/** The Troupe tenant of a Microsoft 365 tenant: `teams:<channelData.tenant.id>`. */
export function teamsTenantId(microsoftTenantId: string): string {
  return `teams:${microsoftTenantId}`;
}

/** `19:abc@thread.tacv2;messageid=1700` → base `19:abc@thread.tacv2` and the reply chain's root id `1700`. */
export function splitConversationId(id: string): { base: string; rootId?: string } {
  const match = /^(.*?);messageid=(.+)$/.exec(id);
  return match ? { base: match[1], rootId: match[2] } : { base: id };
}

/** The conversation id of a reply chain in a channel. */
export function chainConversationId(base: string, rootId: string): string {
  return `${base};messageid=${rootId}`;
}

/** The parts of an inbound activity Troupe reads, validated at the boundary. */
export const inboundActivitySchema = z.object({
  type: z.string(),
  id: z.string().optional(),
  text: z.string().optional(),
  value: z.unknown().optional(),
  replyToId: z.string().optional(),
  serviceUrl: z.string(),
  from: z.object({ id: z.string(), name: z.string().optional(), aadObjectId: z.string().optional() }),
  recipient: z.object({ id: z.string(), name: z.string().optional() }),
  conversation: z.object({ id: z.string(), conversationType: z.string().optional(), tenantId: z.string().optional() }),
  channelData: z
    .object({
      tenant: z.object({ id: z.string() }).optional(),
      channel: z.object({ id: z.string() }).optional(),
      team: z.object({ id: z.string() }).optional(),
    })
    .passthrough()
    .optional(),
  entities: z.array(z.record(z.string(), z.unknown())).optional(),
  attachments: z.array(inboundAttachmentSchema).optional(),
});
export type InboundActivity = z.infer<typeof inboundActivitySchema>;

const ENTITIES: Record<string, string> = {
  '&nbsp;': ' ',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&amp;': '&',
};

/**
 * The text of a message with the bot's `<at>…</at>` mention removed and Teams' HTML flattened
 * (tags dropped, entities decoded, whitespace collapsed).
 *
 * @example
 *   stripBotMention('<at>Troupe</at>&nbsp;panel list', 'Troupe') // 'panel list'
 */
export function stripBotMention(text: string, botNames: string[]): string {
  let result = text;
  for (const name of botNames.filter(Boolean)) result = result.split(`<at>${name}</at>`).join(' ');
  return result
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(nbsp|lt|gt|quot|#39|amp);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/[ \t\u00a0]+/g, ' ')
    .trim();
}

/** A mention's text as a command line when it starts with a command word (`panel list` → `/panel list`); else as typed. */
export function commandLine(text: string): string {
  const first = text.split(/\s+/)[0]?.toLowerCase().replace(/^\//, '');
  return first && COMMAND_WORDS.has(first) ? `/${text.replace(/^\//, '')}` : text;
}

/** The bot's display names as they appear in `<at>` tags (the mention entities that point at the bot). */
export function botMentionNames(activity: InboundActivity): string[] {
  const names = (activity.entities ?? [])
    .filter((entity) => entity.type === 'mention')
    .filter((entity) => (entity.mentioned as { id?: string } | undefined)?.id === activity.recipient.id)
    .map((entity) => String(entity.text ?? '').replace(/^<at>|<\/at>$/g, ''));
  return [...names, activity.recipient.name ?? ''];
}

/** Where an inbound activity came from, as Troupe sees it. */
export interface InboundPlace {
  conversation: Conversation;
  reference: StoredReference;
  /** True in a channel: Teams delivers channel messages to a bot only when it is mentioned. */
  inChannel: boolean;
}

/**
 * The Troupe conversation and the stored reference of an activity: tenant from
 * `channelData.tenant.id`, channel key = the base conversation id, thread key = the reply chain's
 * root when the message is a reply in a chain (not the chain's own first message).
 */
export function placeOf(activity: InboundActivity): InboundPlace | undefined {
  const microsoftTenant = activity.channelData?.tenant?.id ?? activity.conversation.tenantId;
  if (!microsoftTenant) return undefined;
  const tenantId = teamsTenantId(microsoftTenant);
  const { base, rootId } = splitConversationId(activity.conversation.id);
  const conversationType = activity.conversation.conversationType ?? (base.startsWith('19:') ? 'channel' : 'personal');
  const threadKey = rootId && rootId !== activity.id ? rootId : undefined;
  return {
    conversation: {
      tenantId,
      channelKey: base,
      userId: activity.from.id,
      // Kept by the command service only with a people poll vote, and only where the workspace allows names.
      ...(activity.from.name ? { userName: activity.from.name } : {}),
      ...(threadKey ? { threadKey } : {}),
    },
    reference: {
      serviceUrl: activity.serviceUrl,
      conversationType,
      conversationId: base,
      bot: { id: activity.recipient.id, ...(activity.recipient.name ? { name: activity.recipient.name } : {}) },
      tenantId: microsoftTenant,
      ...(activity.channelData?.channel?.id ? { channelId: activity.channelData.channel.id } : {}),
    },
    inChannel: conversationType === 'channel',
  };
}
