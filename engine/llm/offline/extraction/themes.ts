import type { Stance } from './lexicon.js';
import { combineStances, isContent, root, tokenRuns, topicalText, type Reading, type Said } from './reading.js';
import { mostFrequent, stem } from './text.js';

/** A phrase (one or two words) the panel used, with who used it where. */
export interface Candidate {
  key: string;
  /** The phrase in its most frequent original form ("late night", "campus"). */
  label: string;
  words: number;
  mentions: Said[];
  speakers: string[];
}

/** One persona's position on a theme, with the sentence that shows it. */
export interface Voice {
  speaker: string;
  stance: Stance;
  said: Said;
}

/** A theme: a candidate phrase and the voices on it. */
export interface Theme {
  candidate: Candidate;
  voices: Voice[];
}

/** The phrases of one sentence, keyed by stem: topical words, bigrams where neither word is filler. */
export function phrasesOf(sentence: string, reading: Pick<Reading, 'banned' | 'question'>): Map<string, string> {
  const found = new Map<string, string>();
  for (const run of tokenRuns(topicalText(sentence))) {
    run.forEach((word, index) => {
      if (!isContent(word, reading)) return;
      const asked = reading.question.has(root(word));
      if (!asked) found.set(stem(word), word);
      const next = run[index + 1];
      // A bigram may echo one question word ("food waste" when asked about food), not only echo.
      if (next && isContent(next, reading) && !(asked && reading.question.has(root(next))))
        found.set(`${stem(word)} ${stem(next)}`, `${word} ${next}`);
    });
  }
  return found;
}

/** Every phrase the panel used, with its mentions. */
export function collectCandidates(reading: Reading): Candidate[] {
  const byKey = new Map<string, { forms: Map<string, number>; mentions: Said[] }>();
  for (const entry of reading.said) {
    for (const [key, surface] of phrasesOf(entry.sentence, reading)) {
      const slot = byKey.get(key) ?? { forms: new Map<string, number>(), mentions: [] };
      slot.forms.set(surface, (slot.forms.get(surface) ?? 0) + 1);
      slot.mentions.push(entry);
      byKey.set(key, slot);
    }
  }
  return [...byKey].map(([key, slot]) => ({
    key,
    label: mostFrequent(slot.forms),
    words: key.split(' ').length,
    mentions: slot.mentions,
    speakers: [...new Set(slot.mentions.map((entry) => entry.speaker))],
  }));
}

/** Distinct sentences that mention a candidate (a repeated sentence counts once). */
function distinctMentions(candidate: Candidate): number {
  return new Set(candidate.mentions.map((entry) => `${entry.speaker}|${entry.sentence.toLowerCase()}`)).size;
}

function score(candidate: Candidate): number {
  return candidate.speakers.length * 3 + Math.min(distinctMentions(candidate), 6) + (candidate.words === 2 ? 2 : 0);
}

/** Candidates best first: more personas, more sentences, two-word phrases, earlier first (stable sort). */
export function rankCandidates(candidates: readonly Candidate[]): Candidate[] {
  return [...candidates].sort((a, b) => score(b) - score(a));
}

/**
 * The themes worth showing: recurring phrases (said more than once, or by two personas), bigrams
 * preferred, a single word dropped when a chosen phrase already contains it.
 */
export function pickThemes(candidates: readonly Candidate[], max: number): Candidate[] {
  const ranked = rankCandidates(candidates);
  const recurring = ranked.filter((candidate) => candidate.speakers.length >= 2 || distinctMentions(candidate) >= 2);
  const pool = recurring.length >= Math.min(2, max) ? recurring : ranked;
  const chosen: Candidate[] = [];
  for (const candidate of pool) {
    if (chosen.length >= max) break;
    const parts = candidate.key.split(' ');
    const covered = chosen.some((other) => {
      const otherParts = other.key.split(' ');
      return parts.every((part) => otherParts.includes(part)) || (parts.length === 1 && otherParts.includes(parts[0]));
    });
    // A bigram whose every mention is already under a chosen single word adds nothing new.
    const subsumes = chosen.some(
      (other) =>
        other.words === 1 &&
        parts.includes(other.key) &&
        candidate.mentions.every((entry) => other.mentions.includes(entry)),
    );
    if (!covered && !subsumes) chosen.push(candidate);
  }
  return chosen;
}

/** Each persona's leaning on a theme, with the clearest sentence they said about it. */
export function voicesOn(candidate: Candidate): Voice[] {
  return candidate.speakers.map((speaker) => {
    const mine = candidate.mentions.filter((entry) => entry.speaker === speaker);
    const stance = combineStances(mine.map((entry) => entry.leaning));
    const said =
      mine.find((entry) => entry.stance === stance) ?? mine.find((entry) => entry.leaning === stance) ?? mine[0];
    return { speaker, stance, said };
  });
}
