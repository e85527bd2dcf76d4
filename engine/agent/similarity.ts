/** Lower-cased word tokens (letters and digits, any script). */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
}

/**
 * Word-level Jaccard similarity of two texts, in [0, 1]. Used by the repetition guard: word level
 * rather than TinyTroupe's character level, so a reworded answer is not mistaken for a repeat.
 *
 * @example
 *   wordJaccard('I like tea', 'I like tea a lot'); // 0.6
 */
export function wordJaccard(a: string, b: string): number {
  const left = new Set(words(a));
  const right = new Set(words(b));
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / (left.size + right.size - shared);
}
