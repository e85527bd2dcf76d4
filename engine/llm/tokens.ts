import { encode } from 'gpt-tokenizer';
import type { ChatMessage } from './port.js';

/** Runs without whitespace longer than this are counted in slices (BPE is quadratic in a run's length). */
const SLICE = 1000;
const LONG_RUN = new RegExp(`\\S{${SLICE},}`, 'g');

/**
 * Token count of a text with the o200k tokenizer (what current OpenAI models use). A hostile
 * 100k-character run without spaces would take the tokenizer ~25 s; it is counted in 1,000-character
 * slices instead (off by at most one token per slice).
 */
export function countTokens(text: string): number {
  if (text.length < SLICE) return encode(text).length;
  let total = 0;
  let last = 0;
  for (const match of text.matchAll(LONG_RUN)) {
    total += encode(text.slice(last, match.index)).length;
    for (let at = 0; at < match[0].length; at += SLICE) total += encode(match[0].slice(at, at + SLICE)).length;
    last = match.index + match[0].length;
  }
  return total + encode(text.slice(last)).length;
}

/** Token count of a chat request, including the small per-message overhead. */
export function countMessageTokens(messages: ChatMessage[]): number {
  return messages.reduce((sum, message) => sum + 4 + countTokens(message.content), 2);
}
