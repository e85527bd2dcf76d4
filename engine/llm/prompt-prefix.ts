import { createHash } from 'node:crypto';
import type { ChatMessage } from './port.js';
import { countTokens } from './tokens.js';

/** Messages as the provider's prompt cache sees them: one string, role markers included. */
export function serializePrompt(messages: readonly ChatMessage[]): string {
  return messages.map((message) => `<|${message.role}|>\n${message.content}\n`).join('');
}

/**
 * How much of `next` repeats the start of `previous` exactly: what a provider's prompt cache can serve.
 *
 * @example sharedPrefix(turn1, turn2) // { chars: 5120, tokens: 1250, share: 0.84 }
 */
export function sharedPrefix(
  previous: readonly ChatMessage[],
  next: readonly ChatMessage[],
): { chars: number; tokens: number; totalTokens: number; share: number } {
  const a = serializePrompt(previous);
  const b = serializePrompt(next);
  let chars = 0;
  const limit = Math.min(a.length, b.length);
  while (chars < limit && a.charCodeAt(chars) === b.charCodeAt(chars)) chars++;
  const tokens = countTokens(b.slice(0, chars));
  const totalTokens = countTokens(b);
  return { chars, tokens, totalTokens, share: totalTokens ? tokens / totalTokens : 0 };
}

/** The marker `markStablePrefix` puts where the shared prefix ends. */
export const PREFIX_END_MARKER = '⟦stable prefix ends here⟧';

/** `next` rendered with a marker where its prefix shared with `previous` ends (prompt snapshots). */
export function markStablePrefix(previous: readonly ChatMessage[], next: readonly ChatMessage[]): string {
  const text = serializePrompt(next);
  const { chars } = sharedPrefix(previous, next);
  return `${text.slice(0, chars)}${PREFIX_END_MARKER}${text.slice(chars)}`;
}

/**
 * A `promptCacheKey` for one persona's calls of one task: the task and a short hash of the persona's
 * identity (never its content), e.g. `agent.act:3f9a0c1e2b7d4a65`.
 */
export function personaCacheKey(task: string, persona: string): string {
  return `${task}:${createHash('sha256').update(persona).digest('hex').slice(0, 16)}`;
}
