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
  return keywordTopic(flat);
}

function keywordTopic(text: string): string {
  const words = keywords(text);
  return words.length ? words.slice(0, 3).join(' ') : 'this';
}

/**
 * The topic of a question in an ongoing conversation: a question with no topic phrase of its own
 * ("Has anyone tried it?", "What made you ask, Ryan?") is about the earlier topic, and a bare
 * "it" takes the earlier subject ("paying $3 a month for it" → "… for the bike app").
 */
export function topicInContext(question: string, earlier: string | undefined): string {
  const topic = topicOf(question);
  if (!earlier) return topic;
  if (topic === keywordTopic(question.replace(/\s+/g, ' ').trim())) return earlier;
  return resolvePronoun(topic, earlier);
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

/**
 * The topic of a brainstorm prompt, or undefined when the text does not ask for ideas.
 * `"Let's brainstorm together: … The topic: features for a bike app"` → `features for a bike app`.
 */
export function brainstormTopic(text: string): string | undefined {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!/\b(brainstorm|propose (?:some |concrete |new )?ideas|come up with (?:some )?ideas|ideas (?:for|about|on))\b/i.test(flat)) return undefined;
  const explicit = flat.match(/\btopic\s*(?:is)?\s*:\s*([^\n]{3,120}?)[.!?]?\s*$/i) ?? flat.match(/\bideas (?:for|about|on)\s+([^.!?]{3,100})/i);
  return explicit ? explicit[1].trim() : topicOf(flat);
}

/**
 * What a brainstorm topic is about, usable after "for": `features for a campus app` → `the campus app`,
 * `ways to reduce office waste` → `reducing office waste`.
 */
export function subjectOf(topic: string): string {
  const flat = topic.trim().replace(/[.!?]+$/, '');
  const object = flat.match(/^(?:\w+\s+){0,2}?(?:features|ideas|ways|names|improvements|uses|options|suggestions)\s+(for|of|to|about|on)\s+(.+)$/i);
  if (!object) return flat.replace(/^(a|an|our|my|this)\s+/i, 'the ');
  const rest = object[2].trim();
  if (object[1].toLowerCase() === 'to') {
    const [verb, ...tail] = rest.split(/\s+/);
    return tail.length ? `${gerund(verb.toLowerCase())} ${tail.join(' ')}` : rest;
  }
  return rest.replace(/^(a|an|our|my|this|that)\s+/i, 'the ');
}

/** True when the text asks something (a question mark, or an opening question word). */
export function isQuestion(text: string): boolean {
  const flat = text.trim();
  if (/\?\s*$/.test(flat) || /\?\s+\S/.test(flat)) return true;
  return /^(?:@?[\p{Lu}][\p{L}'-]*(?:\s+[\p{Lu}][\p{L}'-]*)?[,:]\s*)?(what|why|how|who|which|where|when|would|will|do|does|did|could|can|should|is|are|have|has)\b/iu.test(flat) && !/\.\s*$/.test(flat);
}

/**
 * The text without a leading address to `name` ("@Ada Okafor what …", "Ada, would …"), or
 * undefined when the text does not address that persona by name.
 */
export function addressedTo(text: string, fullName: string): string | undefined {
  const first = fullName.split(/\s+/)[0];
  const escaped = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const names = `(?:${escaped(fullName)}|${escaped(first)})`;
  const leading = text.match(new RegExp(`(?:^|[.!?]\\s+)\\s*(?:@${names}\\b[,:]?|${names}\\s*[,:])\\s*(.*)$`, 'isu'));
  if (leading) return leading[1].trim() || text;
  if (new RegExp(`(?:@${names}\\b|,\\s*${names}\\s*\\?\\s*$)`, 'iu').test(text)) return text.replace(new RegExp(`@${names}\\b[,:]?\\s*`, 'giu'), '').trim();
  return undefined;
}

/** The value of a `label: value` entry of a cognitive-state context list. */
export function contextValue(context: unknown, label: string): string | undefined {
  if (!Array.isArray(context)) return undefined;
  const prefix = `${label}: `;
  const entry = context.find((item): item is string => typeof item === 'string' && item.startsWith(prefix));
  return entry?.slice(prefix.length);
}

/** A topic whose object is a bare "it/this/that" takes the subject of the earlier conversation. */
export function resolvePronoun(topic: string, earlier: string | undefined): string {
  if (!earlier || !/\b(it|this|that)$/i.test(topic) || topic === earlier) return topic;
  return topic.replace(/\b(it|this|that)$/i, earlier);
}

/** The part of a message that asks: its last question sentence without a leading "Name, " address. */
export function questionPart(text: string): string {
  const sentences = text.replace(/\s+/g, ' ').trim().match(/[^.!?]+[.!?]*/g) ?? [text];
  const asked = [...sentences].reverse().find((sentence) => sentence.includes('?')) ?? text;
  return asked.trim().replace(/^@?[\p{Lu}][\p{L}'-]*(?:\s+[\p{Lu}][\p{L}'-]*)?\s*[,:]\s+(?=\p{Ll})/u, '');
}
