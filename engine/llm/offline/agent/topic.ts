import { startsWithProperNoun } from './persona-facts.js';
import { terms } from '../../../agent/memory/bm25.js';

const QUESTION_NOISE = new Set([
  'think',
  'about',
  'would',
  'could',
  'should',
  'tell',
  'feel',
  'like',
  'please',
  'everyone',
  'anyone',
  'really',
  'there',
  'these',
  'those',
  'some',
  'more',
  'much',
  'many',
  'also',
  'just',
  'your',
  'yours',
  'does',
]);

/** Content words of a message (for echoing it and matching persona traits). */
export function keywords(text: string): string[] {
  return [...new Set(terms(text).filter((word) => word.length >= 4 && !QUESTION_NOISE.has(word)))];
}

/**
 * The topic of a question as a readable noun phrase (hyphenated and short words kept):
 * `"What do you think about cargo bikes?"` → `cargo bikes`, `"What would make a bus-tracking app
 * worth paying for?"` → `a bus-tracking app`, `"Bus or danfo?"` → `bus or danfo`.
 */
export function topicOf(text: string): string {
  return topicParts(text).topic;
}

/** The topic and whether the question named one of its own (false for the stripped-question fallback). */
function topicParts(text: string): { topic: string; own: boolean } {
  const flat = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:and|so|ok(?:ay)?|well)\s*,?\s+/i, '');
  const choice = choiceTopic(flat);
  if (choice) return { topic: choice, own: true };
  const asked = flat.match(/^(?:would|will|do|did|could|can|should|might)\s+you\s+([a-z]+)\s+([^?.!;:]{2,80})/i);
  if (asked && /^(consider|try|mind|enjoy|recommend)$/i.test(asked[1])) return { topic: phraseOf(asked[2]), own: true };
  if (asked && !/^(think|feel|say|like|prefer)$/i.test(asked[1]))
    return { topic: `${gerund(asked[1].toLowerCase())} ${phraseOf(asked[2])}`, own: true };
  const made = flat.match(
    /\b(?:what|which)\s+(?:would|could|might|will|does|do|did)\s+make\s+(.+?)\s+(?:(?:more|really|actually|truly|any)\s+)?(?:worth|better|useful|worthwhile|good|great|valuable|attractive|appealing|easier|helpful|work|succeed|popular|safer|cheaper)\b/i,
  );
  if (made && !/^(you|people|someone|anyone)$/i.test(made[1])) return { topic: phraseOf(made[1]), own: true };
  // "Is delivery important to you?" names its own subject: a new question, not a follow-up on the earlier topic.
  const matters = flat.match(
    /^(?:is|are|was|were)\s+(?!it\b|that\b|this\b|they\b)(.+?)\s+(?:really\s+|very\s+)?(?:important|essential|necessary|a priority|a must|a big deal|a dealbreaker|useful|worth it)\b/i,
  );
  if (matters) return { topic: phraseOf(matters[1]), own: true };
  const about =
    flat.match(/\b(?:about|regarding|on|of|with|for)\s+([^?.!,;:]{3,80})[?.!,;:]?\s*$/i) ??
    flat.match(/\b(?:about|regarding)\s+([^?.!,;:]{3,80})/i);
  if (about) return { topic: phraseOf(about[1]), own: true };
  const rest = stripQuestion(flat);
  return { topic: rest === flat.replace(/[?.!]+$/, '') ? sentenceCase(rest) : rest || 'this', own: false };
}

const QUESTION_LEAD =
  /^(?:what|how|why|when|where|which|who|whose|whom|would|will|could|can|should|might|may|must|shall|do|does|did|is|are|was|were|has|have|had|it|you|we|they|i|make|makes|made|much|many|really|actually|there|your|yours|think|feel|say|about|of|to|the|that|this|kind|sort|in|general|honestly|be|being|get|getting|'?s)\b\s*/i;
const TRAILING_FILLER = /\s+(?:a|an|the|of|to|at|for|in|on|with|and|or|if|that|about|by|from|is|are|be)$/i;

/** A question without its leading question words and auxiliaries: "How would you rate Lagos traffic?" → "rate Lagos traffic". */
function stripQuestion(text: string): string {
  let rest = text.replace(/[?.!]+\s*$/, '').trim();
  for (let guard = 0; guard < 12; guard++) {
    const next = rest.replace(QUESTION_LEAD, '').trim();
    if (next === rest) break;
    rest = next;
  }
  return phraseOf(rest.replace(/^[,;:]\s*/, ''));
}

/** Up to seven words of a phrase, without trailing punctuation or a dangling preposition/article; possessives read from the persona. */
function phraseOf(text: string): string {
  let phrase = text
    .trim()
    .replace(/[?.!,;:]+$/, '')
    .split(/\s+/)
    .slice(0, 7)
    .join(' ');
  for (let guard = 0; guard < 4 && TRAILING_FILLER.test(phrase) && phrase.split(' ').length > 1; guard++)
    phrase = phrase.replace(TRAILING_FILLER, '');
  return phrase.replace(/^(?:our|this|that|these|those)\s+/i, 'the ').replace(/^your\s+/i, 'my ');
}

/** A sentence-initial capital dropped ("Bus" → "bus"), keeping proper nouns and acronyms. */
function sentenceCase(text: string): string {
  return /^[A-Z][a-z]/.test(text) && !startsWithProperNoun(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** "Bus or danfo?", "Would you rather take the bus or drive?" → the two options as one phrase. */
function choiceTopic(text: string): string | undefined {
  const found = text.match(
    /^(?:(?:would|do|did|will|could)\s+you\s+(rather|prefer(?:\s+to)?|choose|pick|want)\s+|(?:which|what)\s+(?:is|would be|do you prefer|would you choose)\s*(?:better)?\s*[,:]?\s*|is it better to\s+)?([^?.!,;:]{2,60}?)\s+or\s+([^?.!,;:]{2,60}?)\s*\?\s*$/i,
  );
  if (!found) return undefined;
  const verbs = (found[1] !== undefined && /rather|to$/i.test(found[1])) || /^is it better to/i.test(text);
  const side = (value: string) => {
    const words = value.trim().split(/\s+/);
    if (verbs && words.length) words[0] = gerund(words[0].toLowerCase());
    return words.slice(0, 4).join(' ');
  };
  const left =
    found[1] === undefined && !/^(?:which|what|is it)\b/i.test(text) ? sentenceCase(side(found[2])) : side(found[2]);
  if (/^(?:what|how|why|who|where|when|is|are|does|do|should|can|could|will|would|has|have)\b/i.test(left))
    return undefined;
  return `${left} or ${side(found[3])}`.replace(/^(?:our|this|that)\s+/i, 'the ');
}

/**
 * The topic of a question in an ongoing conversation: a question with no topic phrase of its own
 * ("Has anyone tried it?", "What made you ask, Ryan?") is about the earlier topic, and a bare
 * "it" takes the earlier subject ("paying $3 a month for it" → "… for the bike app").
 */
export function topicInContext(question: string, earlier: string | undefined): string {
  const { topic, own } = topicParts(question);
  if (!earlier) return topic;
  if (!own) return earlier;
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
  if (
    !/\b(brainstorm|propose (?:some |concrete |new )?ideas|come up with (?:some )?ideas|ideas (?:for|about|on))\b/i.test(
      flat,
    )
  )
    return undefined;
  const explicit =
    flat.match(/\btopic\s*(?:is)?\s*:\s*([^\n]{3,120}?)[.!?]?\s*$/i) ??
    flat.match(/\bideas (?:for|about|on)\s+([^.!?]{3,100})/i);
  return explicit ? explicit[1].trim() : topicOf(flat);
}

/**
 * What a brainstorm topic is about, usable after "for": `features for a campus app` → `the campus app`,
 * `ways to reduce office waste` → `reducing office waste`.
 */
export function subjectOf(topic: string): string {
  const flat = topic.trim().replace(/[.!?]+$/, '');
  const object = flat.match(
    /^(?:\w+\s+){0,2}?(?:features|ideas|ways|names|improvements|uses|options|suggestions)\s+(for|of|to|about|on)\s+(.+)$/i,
  );
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
  return (
    /^(?:@?[\p{Lu}][\p{L}'-]*(?:\s+[\p{Lu}][\p{L}'-]*)?[,:]\s*)?(what|why|how|who|which|where|when|would|will|do|does|did|could|can|should|is|are|have|has)\b/iu.test(
      flat,
    ) && !/\.\s*$/.test(flat)
  );
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
  if (new RegExp(`(?:@${names}\\b|,\\s*${names}\\s*\\?\\s*$)`, 'iu').test(text))
    return text.replace(new RegExp(`@${names}\\b[,:]?\\s*`, 'giu'), '').trim();
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
function resolvePronoun(topic: string, earlier: string | undefined): string {
  if (!earlier || !/\b(it|this|that)$/i.test(topic) || topic === earlier) return topic;
  return topic.replace(/\b(it|this|that)$/i, earlier);
}

/** The part of a message that asks: its last question sentence without a leading "Name, " address. */
export function questionPart(text: string): string {
  const sentences = text
    .replace(/\s+/g, ' ')
    .trim()
    .match(/[^.!?]+[.!?]*/g) ?? [text];
  const asked = [...sentences].reverse().find((sentence) => sentence.includes('?')) ?? text;
  return asked.trim().replace(/^@?[\p{Lu}][\p{L}'-]*(?:\s+[\p{Lu}][\p{L}'-]*)?\s*[,:]\s+(?=\p{Ll})/u, '');
}
