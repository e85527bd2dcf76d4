import type { Reply } from '../../commands/reply.js';
import type { DeliveredReply } from './mcp-sink.js';

/** A persona's answer as tools return it. */
export interface PersonaMessage {
  persona: string;
  personaId?: string;
  text: string;
}

/** The readable text of everything a command posted (persona posts prefixed with the persona's name). */
export function replyText(replies: readonly DeliveredReply[]): string {
  return replies
    .map(({ reply }) => lineOf(reply))
    .filter(Boolean)
    .join('\n\n');
}

function lineOf(reply: Reply): string {
  switch (reply.kind) {
    case 'text':
    case 'confirm':
      return reply.speaker?.kind === 'persona' ? `${reply.speaker.name}: ${reply.text}` : reply.text;
    case 'image':
      return `[chart: ${reply.title}]`;
    case 'file':
      return `[file: ${reply.filename}]`;
    case 'progress':
      return '';
  }
}

/** Every persona post, in the order posted. */
export function personaMessages(replies: readonly DeliveredReply[]): PersonaMessage[] {
  return replies.flatMap(({ reply }) =>
    reply.kind === 'text' && reply.speaker?.kind === 'persona'
      ? [
          {
            persona: reply.speaker.name,
            ...(reply.speaker.personaId ? { personaId: reply.speaker.personaId } : {}),
            text: reply.text,
          },
        ]
      : [],
  );
}

/** The bot's own posts (not persona answers), as text. */
export function botText(replies: readonly DeliveredReply[]): string {
  return replyText(replies.filter(({ reply }) => reply.speaker?.kind !== 'persona'));
}

/** The provenance label the chat shows under results ("Synthetic persona · gpt-4.1-mini"), when one was posted. */
export function provenanceLabel(replies: readonly DeliveredReply[]): string | undefined {
  for (const { reply } of replies) {
    if (reply.kind !== 'text') continue;
    const label = reply.blocks?.find((block) => block.kind === 'context' && /synthetic/i.test(block.text));
    if (label?.kind === 'context') return label.text;
  }
  return undefined;
}

/** The thread a command opened (its first post that opens one). */
export function openedThread(replies: readonly DeliveredReply[]): string | undefined {
  return replies.find(({ reply }) => reply.opensThread)?.messageId;
}
