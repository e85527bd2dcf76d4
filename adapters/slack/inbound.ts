import type { Conversation } from '../../commands/reply.js';
import type { PostStore } from '../../engine/store/ports.js';
import { slackTenantId } from './installation-store.js';

/** Words that make a mention a command (`@Troupe summarize`, `@Troupe poll yesno "…"`). */
const COMMAND_WORDS = new Set([
  'help',
  'usage',
  'panel',
  'poll',
  'brainstorm',
  'summarize',
  'export',
  'persona',
  'intervene',
  'cancel',
  'confirm',
]);

/** The tenant of a Bolt context: `slack:<teamId>` (or `slack:<enterpriseId>` for an org-wide install). */
export function tenantOf(context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): string {
  return slackTenantId(context.teamId, context.enterpriseId, context.isEnterpriseInstall);
}

/** A slash command as a command line: `/panel` + `create 5 x` → `/panel create 5 x`; `/troupe help` → `/help`. */
export function slashCommandText(command: string, text: string): string {
  const rest = text.trim();
  if (command === '/troupe') return rest ? `/${rest.replace(/^\//, '')}` : '/help';
  return rest ? `${command} ${rest}` : command;
}

/**
 * Removes user mentions (`<@U123>`) of the bot and decodes Slack's entities. Inner whitespace is
 * kept as typed: pasted JSON (`@Troupe panel add {…}`) must arrive verbatim, and the command
 * tokenizer splits words itself.
 */
export function stripBotMention(text: string, botUserId?: string): string {
  const withoutBot = botUserId ? text.split(`<@${botUserId}>`).join(' ') : text.replace(/^\s*<@[A-Z0-9]+>/, ' ');
  return withoutBot.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();
}

/** A mention's text as a command line when it starts with a command word; otherwise the plain text. */
export function mentionText(text: string): string {
  const first = text.split(/\s+/)[0]?.toLowerCase().replace(/^\//, '');
  return first && COMMAND_WORDS.has(first) ? `/${text.replace(/^\//, '')}` : text;
}

/**
 * The persona a thread message addresses through Slack's structure: when the thread's parent is a
 * persona's post (recorded in the PostStore with its speaker), the reply goes to that persona.
 */
export async function personaOfMessage(
  posts: PostStore,
  conversation: Pick<Conversation, 'tenantId' | 'channelKey'>,
  ts: string | undefined,
): Promise<string | undefined> {
  if (!ts) return undefined;
  return (await posts.postByPlatformId(conversation.tenantId, conversation.channelKey, ts))?.speaker;
}

/** True when a thread's root is a message Troupe posted in this channel (a question it opened). */
export async function isTroupeThread(
  posts: PostStore,
  conversation: Pick<Conversation, 'tenantId' | 'channelKey'>,
  threadTs: string,
): Promise<boolean> {
  return (await posts.postByPlatformId(conversation.tenantId, conversation.channelKey, threadTs)) !== undefined;
}
