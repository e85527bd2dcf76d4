import { z } from 'zod';
import { errorReply } from '../../commands/replies.js';
import type { Conversation } from '../../commands/reply.js';
import type { CommandService } from '../../commands/service.js';
import type { Store } from '../../engine/store/ports.js';
import type { DeliveryDeduper } from '../shared/delivery-dedupe.js';
import type { ConversationReferences } from './conversation-refs.js';
import { attachedFiles, downloadTeamsFiles, isTeamsUploadCommand } from './file-downloads.js';
import { forkCommand } from '../shared/fork-command.js';
import type { UploadedFile } from '../../personas/uploads.js';
import { botMentionNames, commandLine, inboundActivitySchema, placeOf, stripBotMention } from './inbound.js';

export interface ActivityDeps {
  service: CommandService;
  store: Store;
  refs: ConversationReferences;
  dedupe: DeliveryDeduper;
  /** Tenants already ensured by this process (one store write per tenant, not per activity). */
  tenants: Set<string>;
  log(message: string, error?: unknown): void;
}

/** The `value` of an `Action.Submit` from a Troupe card. */
const submitSchema = z.object({
  troupe: z.enum(['ask', 'poll', 'summarize', 'export', 'confirm', 'command', 'fork']),
  value: z.string().max(4000).optional(),
  text: z.string().max(4000).optional(),
});

/** The command line a card submission stands for (undefined when a form came back empty). */
function submittedCommand(value: z.infer<typeof submitSchema>): string | undefined {
  const typed = value.text?.trim();
  switch (value.troupe) {
    case 'ask':
      return typed ? `/panel ask ${typed}` : undefined;
    case 'poll':
      return typed ? `/poll ${typed.replace(/^\/?poll\s+/i, '')}` : undefined;
    case 'summarize':
      return '/summarize';
    case 'export':
      return '/export md';
    case 'confirm':
      return value.value ? `/confirm ${value.value}` : undefined;
    case 'command':
      return value.value?.startsWith('/') ? value.value : undefined;
    case 'fork':
      return forkCommand(value.text);
  }
}

/**
 * Turns one inbound activity into a command for the shared command layer: the conversation
 * reference is remembered (for proactive posts), the tenant is `channelData.tenant.id`, a repeat
 * delivery is dropped, the bot's mention is stripped (not needed in a 1:1 chat), a leading command
 * word becomes a command, a card's `Action.Submit` becomes the command it stands for, and a plain
 * message is a question (channel) or a follow-up (reply chain). Files attached to `panel add` (or
 * `panel create … --demography`) are downloaded and handed to the command with it.
 */
export async function handleActivity(deps: ActivityDeps, raw: unknown): Promise<void> {
  const parsed = inboundActivitySchema.safeParse(raw);
  if (!parsed.success) return deps.log('ignored an activity Troupe cannot read');
  const activity = parsed.data;
  const place = placeOf(activity);
  if (!place) return deps.log('ignored an activity without a tenant');
  const { tenantId } = place.conversation;
  if (!deps.tenants.has(tenantId)) {
    await deps.store.ensureTenant({ id: tenantId, platform: 'teams' });
    deps.tenants.add(tenantId);
  }
  await deps.refs.remember(tenantId, place.reference);
  if (activity.type !== 'message' || activity.from.id === activity.recipient.id) return;
  if (!(await deps.dedupe.claim(tenantId, `${activity.conversation.id}|${activity.id ?? ''}`))) return;
  const submitted = submitSchema.safeParse(activity.value);
  if (activity.value !== undefined && !activity.text) {
    if (!submitted.success) return;
    const text = submittedCommand(submitted.data);
    if (!text) return;
    // A card's own chain is not a question thread: its actions apply to the channel's latest thread.
    // The [Fork] form is the exception: it sits on a question thread's opening card and forks that thread.
    const thread = place.conversation.threadKey ?? activity.replyToId;
    const conversation: Conversation =
      submitted.data.troupe === 'fork'
        ? { ...place.conversation, ...(thread ? { threadKey: thread } : {}) }
        : submitted.data.troupe === 'ask' || place.conversation.threadKey === activity.replyToId
          ? { ...place.conversation, threadKey: undefined }
          : place.conversation;
    await deps.service.handle(stripUndefined(conversation), text);
    return;
  }
  const text = commandLine(stripBotMention(activity.text ?? '', botMentionNames(activity)));
  const files = attachedFiles(activity.attachments ?? []);
  if (files.length && isTeamsUploadCommand(text)) {
    let uploaded: UploadedFile[];
    try {
      uploaded = await downloadTeamsFiles(files);
    } catch (error) {
      await deps.service.reply(place.conversation, errorReply(error));
      return;
    }
    await deps.service.handle(place.conversation, text, uploaded);
    return;
  }
  await deps.service.handle(place.conversation, text || '/help');
}

function stripUndefined(conversation: Conversation): Conversation {
  const { threadKey, ...rest } = conversation;
  return threadKey ? { ...rest, threadKey } : rest;
}
