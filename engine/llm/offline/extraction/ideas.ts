import type { IdeaList } from '../../../extraction/summary.js';
import type { TranscriptLine } from '../../../extraction/transcript.js';
import { isContent, pointKey, readTranscript, tokenRuns, topicalText, type Reading, type Said } from './reading.js';
import { capitalize, clip, overlap } from './text.js';
import { collectCandidates, phrasesOf, pickThemes, voicesOn, type Candidate } from './themes.js';

/** A sentence that puts something forward (not "it could go either way"). */
const PROPOSAL =
  /\b(?:what if|how about|idea:|propose|suggest|recommend|let's|maybe we|we should|you should|they should|should (?:also |just )?(?:add|offer|let|make|have|include|give|try|start)|(?:we|you|they|it) could (?:also )?(?!go\b)\w+)\b/i;

const MAX_IDEAS = 10;

/** The name of an idea: its two-word phrase whose words the panel echoed most, else its first topical words. */
function ideaName(said: Said, reading: Reading, echo: ReadonlyMap<string, number>): { name: string; key: string } {
  const anything = { banned: reading.banned, question: new Set<string>() };
  const weight = (key: string) => key.split(' ').reduce((sum, part) => sum + (echo.get(part) ?? 0), 0);
  const bigrams = [...phrasesOf(said.sentence, anything)].filter(([key]) => key.includes(' '));
  const best = bigrams.reduce<[string, string] | undefined>(
    (top, entry) => (!top || weight(entry[0]) > weight(top[0]) ? entry : top),
    undefined,
  );
  if (best) return { name: capitalize(best[1]), key: best[0] };
  const words = tokenRuns(topicalText(said.sentence))
    .flat()
    .filter((word) => isContent(word, reading))
    .slice(0, 3);
  if (words.length) return { name: capitalize(words.join(' ')), key: words.join(' ') };
  return { name: capitalize(clip(said.sentence, 40)), key: pointKey(said.sentence) };
}

/** Other personas who later pick the idea up without speaking against it. */
function supporters(said: Said, key: string, reading: Reading): Set<string> {
  const after = reading.said.slice(reading.said.indexOf(said) + 1);
  const own = new Set([key, ...phrasesOf(said.sentence, reading).keys()]);
  return new Set(
    after
      .filter((entry) => entry.speaker !== said.speaker && entry.leaning !== 'negative')
      .filter(
        (entry) =>
          [...phrasesOf(entry.sentence, reading).keys()].some((phrase) => own.has(phrase)) ||
          overlap(entry.sentence, said.sentence) >= 2,
      )
      .map((entry) => entry.speaker),
  );
}

/** When nobody proposed anything outright, the recurring themes are the ideas on the table. */
function ideasFromThemes(candidates: readonly Candidate[]): IdeaList['ideas'] {
  return pickThemes(candidates, 6).map((candidate) => {
    const voices = voicesOn(candidate);
    const lead = voices.find((voice) => voice.stance === 'positive') ?? voices[0];
    return {
      name: capitalize(candidate.label),
      description: lead.said.sentence,
      proposedBy: lead.speaker,
      supportCount: voices.filter((voice) => voice.stance !== 'negative').length || 1,
    };
  });
}

/**
 * Ideas from the panel's own sentences: proposals ("what if…", "we could…", "you should…"), named
 * by their most echoed phrase, merged when they make the same point, with support counted from
 * later sentences by others that pick them up. Deterministic for the same lines.
 *
 * @example
 *   offlineIdeas(transcriptLines(events)).ideas[0]; // { name: 'Pause deliveries', proposedBy: 'Tom Becker', … }
 */
export function offlineIdeas(lines: readonly TranscriptLine[], focus = ''): IdeaList {
  const reading = readTranscript(lines, focus);
  const candidates = collectCandidates(reading);
  // How many personas used each single word: an idea is best named by words others picked up.
  const echo = new Map(
    candidates
      .filter((candidate) => candidate.words === 1)
      .map((candidate) => [candidate.key, candidate.speakers.length]),
  );
  const proposals = reading.said.filter((entry) => PROPOSAL.test(entry.sentence));
  if (!proposals.length) return { ideas: ideasFromThemes(candidates) };
  const ideas: (IdeaList['ideas'][number] & { key: string; point: string })[] = [];
  for (const said of proposals) {
    const { name, key } = ideaName(said, reading, echo);
    const point = pointKey(said.sentence);
    if (ideas.some((idea) => idea.key === key || idea.point === point)) continue;
    ideas.push({
      name,
      key,
      point,
      description: said.sentence,
      proposedBy: said.speaker,
      supportCount: 1 + supporters(said, key, reading).size,
    });
  }
  return {
    ideas: ideas
      .slice(0, MAX_IDEAS)
      .map(({ name, description, proposedBy, supportCount }) => ({ name, description, proposedBy, supportCount })),
  };
}
