import type { Conversation } from '../../commands/reply.js';
import type { PostStore } from '../../engine/store/ports.js';

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

/** The tenant of a guild: each guild is its own tenant (panels, personas, usage, budgets). */
export function guildTenant(guildId: string): string {
  return `discord:${guildId}`;
}

/** Removes mentions of the bot (`<@id>`, `<@!id>`) and squeezes spaces. */
export function stripBotMention(text: string, botUserId: string): string {
  return text.split(`<@${botUserId}>`).join(' ').split(`<@!${botUserId}>`).join(' ').replace(/\s+/g, ' ').trim();
}

/** A mention's text as a command line when it starts with a command word; otherwise the plain text. */
export function mentionText(text: string): string {
  const first = text.split(/\s+/)[0]?.toLowerCase().replace(/^\//, '');
  return first && COMMAND_WORDS.has(first) ? `/${text.replace(/^\//, '')}` : text;
}

/** The persona whose post (a webhook message recorded in the PostStore) a Discord reply references. */
export async function personaOfMessage(
  posts: PostStore,
  conversation: Pick<Conversation, 'tenantId' | 'channelKey' | 'threadKey'>,
  messageId: string | undefined,
): Promise<string | undefined> {
  if (!messageId) return undefined;
  const post = await posts.postByPlatformId(conversation.tenantId, conversation.channelKey, messageId);
  return post && (conversation.threadKey === undefined || post.threadKey === conversation.threadKey)
    ? post.speaker
    : undefined;
}

/** The Ask and Poll modal fields as a command line. */
export function modalText(kind: string, fields: Map<string, string>): string | undefined {
  const quote = (value: string) => `"${value.replace(/(["\\])/g, '\\$1')}"`;
  if (kind === 'ask') {
    const question = fields.get('question')?.trim();
    return question ? `/panel ask ${quote(question)}` : undefined;
  }
  if (kind === 'brainstorm') {
    const topic = fields.get('topic')?.trim();
    return topic ? `/brainstorm ${quote(topic)}` : undefined;
  }
  if (kind === 'poll') {
    const pollKind = (fields.get('kind') ?? '').trim().toLowerCase() || 'yesno';
    const question = fields.get('question')?.trim() ?? '';
    const options = (fields.get('options') ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map(quote);
    return [`/poll ${pollKind}`, quote(question), ...options].join(' ');
  }
  return undefined;
}

/** The modal a panel-card button opens (Discord's JSON: a title and text inputs in action rows). */
export function modalFor(kind: 'ask' | 'poll' | 'brainstorm', origin: string): Record<string, unknown> {
  const input = (id: string, label: string, style: 1 | 2, required: boolean, placeholder: string) => ({
    type: 1,
    components: [{ type: 4, custom_id: id, label, style, required, placeholder, max_length: style === 1 ? 200 : 2000 }],
  });
  const components = {
    ask: [input('question', 'Question', 2, true, 'What would make you switch grocery apps?')],
    brainstorm: [input('topic', 'Topic', 2, true, 'features for a budgeting app')],
    poll: [
      input('kind', 'Kind: yesno, choice, multi, likert, number, open', 1, true, 'yesno'),
      input('question', 'Question', 2, true, 'Would you pay $5 a month?'),
      input('options', 'Options (choice/multi), one per line', 2, false, 'Nova\nOrbit'),
    ],
  }[kind];
  const title = { ask: 'Ask the panel', poll: 'Poll the panel', brainstorm: 'Brainstorm' }[kind];
  return { custom_id: `troupe-modal:${kind}:${origin}`, title, components };
}
