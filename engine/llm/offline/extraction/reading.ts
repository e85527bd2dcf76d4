import type { TranscriptLine } from '../../../extraction/transcript.js';
import { FILLER, MIXED, NEGATIVE, NOISE_WORDS, POSITIVE, SELF_DESCRIPTION, type Stance } from './lexicon.js';
import { STOPWORDS, sentences, stem } from './text.js';

/** One sentence a panel member said, with where it leans on its own and within its turn. */
export interface Said {
  speaker: string;
  sentence: string;
  /** Index of the turn (transcript line) it belongs to. */
  turn: number;
  stance: Stance;
  /** The sentence's own stance, or its turn's when the sentence itself is neutral. */
  leaning: Stance;
}

/** A transcript read once: sentences with stances, and the words that cannot name a theme. */
export interface Reading {
  said: Said[];
  speakers: string[];
  /** Overall stance per persona, from their turns. */
  personaStance: Map<string, Stance>;
  /** Roots of words in the question or topic (the facilitator's text and the requested focus). */
  question: Set<string>;
  /** Roots never shown as a theme word: persona names, self-description boilerplate. */
  banned: Set<string>;
}

/** Who asks rather than answers; their questions are not panel opinions. */
export const NOT_PANEL = new Set(['facilitator', 'world']);

const TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** A word and its obvious inflections, as roots: "use" → use, using, uses, used. */
function inflections(word: string): string[] {
  return [word, ...word.split(/['’-]/)].flatMap((part) => {
    const base = part.replace(/e$/, '');
    return [part, `${base}ing`, `${part}s`, `${base}ed`].map(root);
  });
}

/** A looser key than `stem`, so "use"/"using"/"used" and "share"/"sharing" meet. */
export function root(word: string): string {
  const base = stem(word.toLowerCase());
  const cut = base.replace(/(?:ing|ed|es|e|s)$/, '');
  return cut.length >= 3 ? cut : base;
}

function count(patterns: readonly RegExp[], text: string): number {
  return patterns.reduce((total, pattern) => total + (pattern.test(text) ? 1 : 0), 0);
}

/**
 * Where one sentence leans, by the stance lexicon: a fence-sitting marker or markers both ways make
 * it mixed.
 *
 * @example
 *   sentenceStance('I am not convinced about it.'); // 'negative'
 */
export function sentenceStance(text: string): Stance {
  const positive = count(POSITIVE, text);
  const negative = count(NEGATIVE, text);
  if (count(MIXED, text) > 0 || (positive > 0 && negative > 0)) return 'mixed';
  if (positive > 0) return 'positive';
  if (negative > 0) return 'negative';
  return 'neutral';
}

/** The stance of several stances: the clear majority of the leaning ones, else mixed. */
export function combineStances(stances: readonly Stance[]): Stance {
  const tally = { positive: 0, negative: 0, mixed: 0 };
  for (const stance of stances) if (stance !== 'neutral') tally[stance]++;
  if (!tally.positive && !tally.negative && !tally.mixed) return 'neutral';
  if (tally.positive > tally.negative && tally.positive > tally.mixed) return 'positive';
  if (tally.negative > tally.positive && tally.negative > tally.mixed) return 'negative';
  return 'mixed';
}

/** The sentence without self-description and filler, pieces split by `|` so no phrase bridges a cut. */
export function topicalText(sentence: string): string {
  let text = sentence;
  for (const pattern of [...SELF_DESCRIPTION, ...FILLER]) text = text.replace(pattern, ' | ');
  return text;
}

/** A key for "the same point": the topical text, lower-case, words only. */
export function pointKey(sentence: string): string {
  const words = topicalText(sentence).toLowerCase().match(TOKEN) ?? [];
  return words.filter((word) => !STOPWORDS.has(word)).join(' ') || sentence.toLowerCase();
}

/** Words of a text split into runs that phrases may not cross (punctuation, removed clauses). */
export function tokenRuns(text: string): string[][] {
  return text
    .split(/[,.;:!?()"“”|…–—]+/)
    .map((piece) => (piece.toLowerCase().match(TOKEN) ?? []).map((word) => word.replace(/’/g, "'")))
    .filter((run) => run.length > 0);
}

/** True for a word that can be part of a theme at all. */
export function isContent(word: string, reading: Pick<Reading, 'banned'>): boolean {
  return (
    word.length > 2 &&
    !/^\d+$/.test(word) &&
    !word.includes("'") &&
    !STOPWORDS.has(word) &&
    !NOISE_WORDS.has(word) &&
    !reading.banned.has(root(word))
  );
}

function boilerplateRoots(texts: readonly string[]): Set<string> {
  const roots = new Set<string>();
  for (const text of texts) {
    for (const pattern of SELF_DESCRIPTION) {
      for (const match of text.matchAll(pattern))
        for (const word of match[0].toLowerCase().match(TOKEN) ?? []) if (!STOPWORDS.has(word)) roots.add(root(word));
    }
  }
  return roots;
}

/**
 * Reads the panel's sentences (the facilitator's and world's lines are the question, not
 * opinions), classifies each by stance and collects the words a theme must not be named after.
 *
 * @example
 *   const reading = readTranscript(lines, 'meal kits');
 */
export function readTranscript(lines: readonly TranscriptLine[], focus = ''): Reading {
  const said: Said[] = [];
  const questionTexts = [focus];
  lines.forEach((line, turn) => {
    if (line.type !== 'TALK' && line.type !== 'CONVERSATION') return;
    if (NOT_PANEL.has(line.speaker)) {
      questionTexts.push(line.text);
      return;
    }
    const parts = sentences(line.text).map((sentence) => ({ sentence, stance: sentenceStance(sentence) }));
    const turnStance = combineStances(parts.map((part) => part.stance));
    for (const part of parts)
      said.push({
        speaker: line.speaker,
        turn,
        ...part,
        leaning: part.stance === 'neutral' ? turnStance : part.stance,
      });
  });
  const speakers = [...new Set(said.map((entry) => entry.speaker))];
  const personaStance = new Map<string, Stance>();
  for (const speaker of speakers) {
    const turns = new Map<number, Stance[]>();
    for (const entry of said)
      if (entry.speaker === speaker) turns.set(entry.turn, [...(turns.get(entry.turn) ?? []), entry.stance]);
    personaStance.set(speaker, combineStances([...turns.values()].map(combineStances)));
  }
  const question = new Set(
    questionTexts
      .flatMap((text) => text.toLowerCase().match(TOKEN) ?? [])
      .filter((word) => !STOPWORDS.has(word))
      .flatMap(inflections),
  );
  const banned = boilerplateRoots(said.map((entry) => entry.sentence));
  for (const name of [...speakers, ...NOT_PANEL])
    for (const part of name.toLowerCase().match(TOKEN) ?? []) banned.add(root(part));
  return { said, speakers, personaStance, question, banned };
}
