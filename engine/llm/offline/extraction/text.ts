/** Small text helpers for the offline responders (keyword overlap, sentences). */
import { STOP_WORDS } from '../../../util/words.js';

/**
 * The engine's stop-words plus the demo's own filler: the offline agent's stock phrases ("think", "people",
 * "offline", …) say nothing about the topic, so its summariser must not pick them as themes.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  ...STOP_WORDS,
  ...`above after again against am because before below between both doing down during few further having here hers
  him itself like nor off once only other ours out own really same such theirs through under until up while yours yes
  yeah offline think thing things much many well even still maybe make made get got going want know feel sure
  something people lot way good great`.split(/\s+/),
]);

/**
 * Crude singular form: "prices" → "price", "berries" → "berry", but "campus", "bus", "analysis",
 * "glass" stay whole (cutting them gave shown words like "campu").
 */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Lower-case content words, singular form, no stop words. */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((word) => word.length > 2 && !STOPWORDS.has(word))
    .map(stem);
}

/** How many distinct content words two texts share. */
export function overlap(a: string | readonly string[], b: string | readonly string[]): number {
  const left = new Set(typeof a === 'string' ? contentWords(a) : a);
  const right = new Set(typeof b === 'string' ? contentWords(b) : b);
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared;
}

/** Sentences of a text, trimmed, terminal punctuation kept. */
export function sentences(text: string): string[] {
  return (text.match(/[^.!?]+[.!?]*/g) ?? [])
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

/**
 * The most frequent content words (singular form, which `stem` keeps a real word for "campus",
 * "bus"), ties broken by first appearance.
 */
export function topWords(texts: readonly string[], count: number, exclude: ReadonlySet<string> = new Set()): string[] {
  const frequency = new Map<string, number>();
  for (const text of texts)
    for (const word of new Set(contentWords(text)))
      if (!exclude.has(word)) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  // A word in (nearly) every text is template, not topic ("offline", "matters"): it cannot tell answers apart.
  const ubiquitous = texts.length >= 4 ? Math.ceil(texts.length * 0.8) : Infinity;
  return [...frequency.entries()]
    .filter(([, seen]) => seen < ubiquitous)
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([word]) => word);
}

/** The key counted most often (first one on ties). */
export function mostFrequent(counts: ReadonlyMap<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [key, value] of counts) if (value > bestCount) [best, bestCount] = [key, value];
  return best;
}

/** Capitalises the first letter. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Cuts a text to `max` characters at a word boundary. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1))}…`;
}
