import type { FocusGroupSummary } from '../../../extraction/summary.js';
import type { TranscriptLine } from '../../../extraction/transcript.js';
import { BELIEF_STATEMENT, CONCERNS, CONDITION, SUGGESTION, SURPRISE, type Stance } from './lexicon.js';
import { combineStances, pointKey, readTranscript, type Reading, type Said } from './reading.js';
import { capitalize } from './text.js';
import {
  collectCandidates,
  pickThemes,
  rankCandidates,
  voicesOn,
  type Candidate,
  type Theme,
  type Voice,
} from './themes.js';

/** Longest list the offline summary shows in any section. */
const MAX_ITEMS = 4;

const lean = (names: readonly string[]) => (names.length === 1 ? 'leans' : 'lean');

const quoted = (said: Said) => `${said.speaker}: “${said.sentence}”`;

/** "A", "A and B", "A, B and C". */
function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Adds items that are not there yet, up to the cap. */
function addUnique(list: string[], ...items: string[]): void {
  for (const item of items) if (list.length < MAX_ITEMS && !list.includes(item)) list.push(item);
}

/** Voices ordered so the first few show every stance present. */
function spreadVoices(voices: readonly Voice[]): Voice[] {
  const order: Stance[] = ['positive', 'negative', 'mixed', 'neutral'];
  const firsts = order.flatMap((stance) => voices.filter((voice) => voice.stance === stance).slice(0, 1));
  return [...firsts, ...voices.filter((voice) => !firsts.includes(voice))];
}

function describe(voices: readonly Voice[]): string {
  const groups = (['positive', 'negative', 'mixed', 'neutral'] as const)
    .map((stance) => [stance, voices.filter((voice) => voice.stance === stance).map((voice) => voice.speaker)] as const)
    .filter(([, names]) => names.length > 0)
    .map(([stance, names]) => `${stance}: ${joinNames(names)}`);
  return `Raised by ${voices.length} persona(s) — ${groups.join('; ')}.`;
}

/** A persona's clearest sentence for a stance, avoiding points already quoted. */
function sentenceFor(reading: Reading, speaker: string, stance: Stance, used: Set<string>): Said | undefined {
  const mine = reading.said.filter((entry) => entry.speaker === speaker);
  const pick =
    mine.find((entry) => entry.stance === stance && !used.has(pointKey(entry.sentence))) ??
    mine.find((entry) => entry.stance === stance) ??
    mine.find((entry) => entry.leaning === stance);
  if (pick) used.add(pointKey(pick.sentence));
  return pick;
}

function personasLeaning(reading: Reading, stance: Stance): string[] {
  return reading.speakers.filter((speaker) => reading.personaStance.get(speaker) === stance);
}

function agreements(reading: Reading, themes: readonly Theme[]): string[] {
  const list: string[] = [];
  const groups = (['positive', 'negative', 'mixed'] as const).map((stance) => ({
    stance,
    names: personasLeaning(reading, stance),
  }));
  const largest = [...groups].sort((a, b) => b.names.length - a.names.length)[0];
  if (largest.names.length >= 2 && largest.names.length * 2 > reading.speakers.length) {
    const used = new Set<string>();
    const quotes = largest.names.slice(0, 3).flatMap((name) => sentenceFor(reading, name, largest.stance, used) ?? []);
    addUnique(
      list,
      `Overall, ${joinNames(largest.names)} ${lean(largest.names)} ${largest.stance} — ${quotes.map(quoted).join(' ')}`,
    );
  }
  for (const { candidate, voices } of themes) {
    const stance = combineStances(voices.map((voice) => voice.stance));
    const alike = voices.filter((voice) => voice.stance === stance && stance !== 'neutral');
    if (alike.length < 2 || alike.length * 2 <= voices.length) continue;
    addUnique(
      list,
      `${capitalize(candidate.label)}: ${joinNames(alike.map((voice) => voice.speaker))} ${lean(alike.map((voice) => voice.speaker))} ${stance} — ${alike
        .slice(0, 3)
        .map((voice) => quoted(voice.said))
        .join(' ')}`,
    );
  }
  return list;
}

function disagreements(reading: Reading, themes: readonly Theme[]): string[] {
  const list: string[] = [];
  const positive = personasLeaning(reading, 'positive');
  const negative = personasLeaning(reading, 'negative');
  if (positive.length && negative.length) {
    const used = new Set<string>();
    const forIt = sentenceFor(reading, positive[0], 'positive', used);
    const against = sentenceFor(reading, negative[0], 'negative', used);
    if (forIt && against)
      addUnique(
        list,
        `Overall, ${joinNames(positive)} ${lean(positive)} positive while ${joinNames(negative)} ${lean(negative)} negative — ${quoted(forIt)} ${quoted(against)}`,
      );
  }
  for (const { candidate, voices } of themes) {
    const forIt = voices.find((voice) => voice.stance === 'positive');
    const against = voices.find((voice) => voice.stance === 'negative');
    if (!forIt || !against) continue;
    addUnique(
      list,
      `${capitalize(candidate.label)}: ${forIt.speaker} is positive, ${against.speaker} negative — ${quoted(forIt.said)} ${quoted(against.said)}`,
    );
  }
  return list;
}

function objections(reading: Reading): FocusGroupSummary['objections'] {
  const seen = new Set<string>();
  const found = reading.said
    .filter((entry) => entry.stance === 'negative')
    .map((entry) => ({
      entry,
      label: CONCERNS.find((concern) => concern.pattern.test(entry.sentence))?.label ?? 'General doubt',
    }))
    .filter(({ entry, label }) => {
      const keys = [`${entry.speaker}|${label}`, pointKey(entry.sentence)];
      if (keys.some((key) => seen.has(key))) return false;
      for (const key of keys) seen.add(key);
      return true;
    });
  // Named concerns before vague doubt, new concerns and new personas first, so four bullets cover the most ground.
  const picked: typeof found = [];
  const rank = (item: (typeof found)[number]) =>
    (picked.some((other) => other.label === item.label) ? 2 : 0) +
    (picked.some((other) => other.entry.speaker === item.entry.speaker) ? 1 : 0) +
    (item.label === 'General doubt' ? 4 : 0);
  while (picked.length < MAX_ITEMS && picked.length < found.length) {
    const rest = found.filter((item) => !picked.includes(item));
    picked.push(rest.reduce((best, item) => (rank(item) < rank(best) ? item : best)));
  }
  return picked.map(({ entry, label }) => ({ persona: entry.speaker, objection: `${label} — “${entry.sentence}”` }));
}

function stanceShift(reading: Reading, speaker: string): string | undefined {
  const turns = [...new Set(reading.said.filter((entry) => entry.speaker === speaker).map((entry) => entry.turn))];
  const turnStance = (turn: number) =>
    combineStances(reading.said.filter((entry) => entry.turn === turn).map((entry) => entry.stance));
  const leaning = turns
    .map((turn) => ({ turn, stance: turnStance(turn) }))
    .filter(({ stance }) => stance === 'positive' || stance === 'negative');
  if (leaning.length < 2 || leaning[0].stance === leaning[leaning.length - 1].stance) return undefined;
  const [first, last] = [leaning[0], leaning[leaning.length - 1]];
  const line = (turn: number, stance: Stance) =>
    reading.said.find((entry) => entry.turn === turn && entry.stance === stance);
  const [from, to] = [line(first.turn, first.stance), line(last.turn, last.stance)];
  return from && to
    ? `${speaker} moved from ${first.stance} to ${last.stance} during the discussion — ${quoted(from)} then “${to.sentence}”`
    : undefined;
}

function surprises(reading: Reading, candidates: readonly Candidate[], themes: readonly Theme[]): string[] {
  const list: string[] = [];
  for (const entry of reading.said.filter((said) => SURPRISE.test(said.sentence)))
    addUnique(list, `${entry.speaker} was surprised — ${quoted(entry)}`);
  const groups = (['positive', 'negative', 'mixed'] as const).map((stance) => ({
    stance,
    names: personasLeaning(reading, stance),
  }));
  const majority = [...groups].sort((a, b) => b.names.length - a.names.length)[0];
  for (const { stance, names } of groups) {
    if (names.length !== 1 || majority.names.length < 2 || stance === majority.stance) continue;
    const said = sentenceFor(reading, names[0], stance, new Set());
    if (said)
      addUnique(
        list,
        `Only ${names[0]} leaned ${stance}, while ${joinNames(majority.names)} leaned ${majority.stance} — ${quoted(said)}`,
      );
  }
  for (const speaker of reading.speakers) {
    const shift = stanceShift(reading, speaker);
    if (shift) addUnique(list, shift);
  }
  const shown = new Set(themes.flatMap(({ candidate }) => candidate.key.split(' ')));
  const rare = rankCandidates(candidates).filter(
    (candidate) =>
      candidate.speakers.length === 1 &&
      candidate.words === 2 &&
      !candidate.key.split(' ').some((part) => shown.has(part)) &&
      candidate.mentions.some((entry) => entry.stance !== 'neutral'),
  );
  for (const candidate of rare.slice(0, 1)) {
    const said = candidate.mentions.find((entry) => entry.stance !== 'neutral') as Said;
    addUnique(list, `Only ${said.speaker} brought up ${candidate.label} — ${quoted(said)}`);
  }
  return list;
}

function recommendations(reading: Reading): string[] {
  const byPoint = new Map<string, { said: Said; speakers: Set<string> }>();
  for (const entry of reading.said.filter(
    (said) =>
      !BELIEF_STATEMENT.test(said.sentence) && (CONDITION.test(said.sentence) || SUGGESTION.test(said.sentence)),
  )) {
    // The clause carrying the condition or idea is the point; the rest of the sentence is often scenery.
    const clause =
      entry.sentence.split(/[,;:]/).find((part) => CONDITION.test(part) || SUGGESTION.test(part)) ?? entry.sentence;
    const key = pointKey(clause);
    const slot = byPoint.get(key) ?? { said: entry, speakers: new Set<string>() };
    slot.speakers.add(entry.speaker);
    byPoint.set(key, slot);
  }
  // One point per persona first, so a talkative persona does not fill the list.
  const points = [...byPoint.values()];
  const firstPerPersona = points.filter(
    (point, index) => points.findIndex((other) => other.said.speaker === point.said.speaker) === index,
  );
  const list: string[] = [];
  for (const { said, speakers } of [
    ...firstPerPersona,
    ...points.filter((point) => !firstPerPersona.includes(point)),
  ]) {
    const kind = SUGGESTION.test(said.sentence) ? 'Idea' : 'Condition for adopting it';
    const others = [...speakers].filter((speaker) => speaker !== said.speaker);
    addUnique(
      list,
      `${kind} — ${said.speaker}${others.length ? ` (also ${joinNames(others)})` : ''}: “${said.sentence}”`,
    );
  }
  return list;
}

/**
 * A focus-group summary without an LLM: themes are the recurring phrases (not question words or
 * self-descriptions), stances come from a small lexicon, and every quote is a sentence the named
 * persona really said. Deterministic for the same lines.
 *
 * @example
 *   offlineSummary(transcriptLines(events), 'meal kits').disagreements;
 */
export function offlineSummary(lines: readonly TranscriptLine[], focus = ''): FocusGroupSummary {
  const reading = readTranscript(lines, focus);
  if (!reading.said.length) {
    return {
      overview: '(offline summary) Nobody said anything yet.',
      themes: [],
      agreements: [],
      disagreements: [],
      surprises: [],
      objections: [],
      recommendations: [],
    };
  }
  const candidates = collectCandidates(reading);
  const themes: Theme[] = pickThemes(candidates, MAX_ITEMS).map((candidate) => ({
    candidate,
    voices: voicesOn(candidate),
  }));
  const leanings = (['positive', 'negative', 'mixed'] as const)
    .map((stance) => [stance, personasLeaning(reading, stance)] as const)
    .filter(([, names]) => names.length > 0)
    .map(([stance, names]) => `${stance} — ${joinNames(names)}`);
  const overview = [
    `(offline summary) ${reading.speakers.length} persona(s) (${reading.speakers.join(', ')}) made ${reading.said.length} statement(s).`,
    leanings.length ? `Leaning ${leanings.join('; ')}.` : 'Nobody took a clear side.',
    `Most discussed: ${themes.map(({ candidate }) => candidate.label).join(', ') || 'nothing in particular'}.`,
  ].join(' ');
  return {
    overview,
    themes: themes.map(({ candidate, voices }) => ({
      theme: capitalize(candidate.label),
      description: describe(voices),
      quotes: spreadVoices(voices)
        .slice(0, 3)
        .map((voice) => ({ persona: voice.speaker, text: voice.said.sentence })),
    })),
    agreements: agreements(reading, themes),
    disagreements: disagreements(reading, themes),
    surprises: surprises(reading, candidates, themes),
    objections: objections(reading),
    recommendations: recommendations(reading),
  };
}
