import { encode } from 'gpt-tokenizer';
import type { ChatMessage } from './port.js';

/** Token count of a text with the o200k tokenizer (what current OpenAI models use). */
export function countTokens(text: string): number {
  return encode(text).length;
}

/** Token count of a chat request, including the small per-message overhead. */
export function countMessageTokens(messages: ChatMessage[]): number {
  return messages.reduce((sum, message) => sum + 4 + countTokens(message.content), 2);
}
