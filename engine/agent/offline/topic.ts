import { terms } from '../memory/bm25.js';

const QUESTION_NOISE = new Set(['think', 'about', 'would', 'could', 'should', 'tell', 'feel', 'like', 'please', 'everyone', 'anyone', 'really', 'there', 'these', 'those', 'some', 'more', 'much', 'many', 'also', 'just', 'your', 'yours', 'does']);

/** Content words of a message (for echoing it and matching persona traits). */
export function keywords(text: string): string[] {
  return [...new Set(terms(text).filter((word) => word.length >= 4 && !QUESTION_NOISE.has(word)))];
}

/**
 * The topic of a question as a short phrase: what follows "about/of/on/regarding" when present,
 * else its main content words. `"What do you think about cargo bikes?"` → `cargo bikes`.
 */
export function topicOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const asked = flat.match(/^(?:and\s+)?(?:would|will|do|did|could|can|should|might)\s+you\s+([a-z]+)\s+([^?.!;:]{2,80})/i);
  if (asked && /^(consider|try|mind|enjoy|recommend)$/i.test(asked[1])) return asked[2].trim().split(/\s+/).slice(0, 7).join(' ');
  if (asked && !/^(think|feel|say|like|prefer)$/i.test(asked[1])) {
    return `${gerund(asked[1].toLowerCase())} ${asked[2].trim().split(/\s+/).slice(0, 7).join(' ')}`;
  }
  const about = flat.match(/\b(?:about|regarding|on|of|with|for)\s+([^?.!,;:]{3,80})[?.!,;:]?\s*$/i) ?? flat.match(/\b(?:about|regarding)\s+([^?.!,;:]{3,80})/i);
  if (about) {
    const phrase = about[1].trim().split(/\s+/).slice(0, 7).join(' ');
    return phrase.replace(/^(the|a|an|our|my|this|that)\s+/i, 'the ').replace(/^the\s+/i, 'the ');
  }
  const words = keywords(flat);
  return words.length ? words.slice(0, 3).join(' ') : 'this';
}

/** "cycle" → "cycling", "pay" → "paying", "be" → "being": good enough for an offline echo. */
function gerund(verb: string): string {
  if (verb === 'be' || verb === 'see') return `${verb}ing`;
  if (/ie$/.test(verb)) return `${verb.slice(0, -2)}ying`;
  if (/[^aeiou]e$/.test(verb)) return `${verb.slice(0, -1)}ing`;
  return `${verb}ing`;
}

/** Index of the first item sharing a content word with the keywords, or -1. */
export function matchingItem(items: readonly string[], words: readonly string[]): number {
  const wanted = new Set(words.map(stem));
  return items.findIndex((item) => terms(item).some((term) => wanted.has(stem(term))));
}

function stem(word: string): string {
  return word.replace(/(ies|es|s|ing|ed)$/, '');
}
