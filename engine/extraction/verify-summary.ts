import {
  checkQuote,
  normalizeForMatch,
  resolveSpeaker,
  sentencesOf,
  tallyVerdict,
  wordSimilarity,
  type QuoteCheckReport,
  type QuotePolicy,
} from './quotes.js';
import type { FocusGroupSummary } from './summary-schema.js';

/** A quoted span inside free text: straight or curly double quotes. */
const QUOTED_SPAN = /([“"])([^”"]+)([”"])/g;

/**
 * Stricter than a theme quote's repair (0.35): the words around an inline quote make a claim that rests
 * on it, so a loosely similar sentence ("a loyalty card would win me over" → "reusable boxes would
 * surprise me") would keep a claim nobody made.
 */
const MIN_INLINE_SIMILARITY = 0.6;

type Utterances = ReadonlyMap<string, readonly string[]>;

/** Speakers whose full or first name occurs in a piece of text (whole words, any case). */
function speakersNamedIn(text: string, speakers: readonly string[]): string[] {
  const lower = text.toLowerCase();
  return speakers.filter((speaker) => {
    const names = [speaker, speaker.split(/\s+/)[0]].map((name) => name.toLowerCase());
    return names.some((name) => name && new RegExp(`(^|[^\\p{L}])${escapeRegExp(name)}($|[^\\p{L}])`, 'u').test(lower));
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function saidBy(utterances: Utterances, speaker: string, text: string): boolean {
  const wanted = normalizeForMatch(text);
  return !!wanted && (utterances.get(speaker) ?? []).some((utterance) => normalizeForMatch(utterance).includes(wanted));
}

/**
 * Verifies the quotes embedded in one free-text item (an agreement, a surprise, an objection…). A quote
 * counts for the personas named before it in the item (or, when none is named, for anyone who said it).
 * A quote that is not theirs is repaired to the nearest-named persona's closest real sentence, or the
 * whole item is dropped: a point resting on words nobody said is not a finding.
 */
function verifyInlineQuotes(
  item: string,
  utterances: Utterances,
  policy: QuotePolicy,
  report: QuoteCheckReport,
): string | undefined {
  const speakers = [...utterances.keys()];
  let dropped = false;
  const repaired = item.replace(QUOTED_SPAN, (whole, open: string, text: string, close: string, offset: number) => {
    if (dropped) return whole;
    const named = speakersNamedIn(item.slice(0, offset), speakers);
    const candidates = named.length ? named : speakers;
    report.checked++;
    if (candidates.some((speaker) => saidBy(utterances, speaker, text))) {
      report.verified++;
      return whole;
    }
    const nearest = named.length ? nearestNamed(item.slice(0, offset), named) : undefined;
    const best = policy === 'repair' && nearest ? closestSentence(utterances.get(nearest) ?? [], text) : undefined;
    if (best) {
      report.repaired++;
      return `${open}${best}${close}`;
    }
    report.dropped++;
    dropped = true;
    return whole;
  });
  return dropped ? undefined : repaired;
}

/** The named speaker whose name occurs last in the text (the one a quote right after it belongs to). */
function nearestNamed(before: string, named: readonly string[]): string {
  const lower = before.toLowerCase();
  const position = (speaker: string) =>
    Math.max(lower.lastIndexOf(speaker.toLowerCase()), lower.lastIndexOf(speaker.split(/\s+/)[0].toLowerCase()));
  return [...named].sort((a, b) => position(b) - position(a))[0];
}

function closestSentence(said: readonly string[], text: string): string | undefined {
  let best: { sentence: string; score: number } | undefined;
  for (const sentence of said.flatMap(sentencesOf)) {
    const score = wordSimilarity(sentence, text);
    if (!best || score > best.score) best = { sentence, score };
  }
  return best && best.score >= MIN_INLINE_SIMILARITY ? best.sentence : undefined;
}

function verifyList(items: readonly string[], utterances: Utterances, policy: QuotePolicy, report: QuoteCheckReport) {
  return items.flatMap((item) => {
    const kept = verifyInlineQuotes(item, utterances, policy, report);
    return kept === undefined ? [] : [kept];
  });
}

/**
 * The sentences of a paragraph, each with the whitespace that follows it; a full stop inside a
 * quotation does not end a sentence ("She said “No. Never.” Then…" is two sentences, not three).
 */
function sentencesWithQuotes(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  let quoted = false;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '“') quoted = true;
    else if (char === '”') quoted = false;
    else if (char === '"') quoted = !quoted;
    const ends =
      !quoted && /\s/.test(text[at + 1] ?? '') && /[.!?]["”]?$/.test(text.slice(Math.max(0, at - 1), at + 1));
    if (!ends) continue;
    let next = at + 1;
    while (next < text.length && /\s/.test(text[next])) next++;
    sentences.push(text.slice(start, next));
    start = next;
    at = next - 1;
  }
  if (start < text.length) sentences.push(text.slice(start));
  return sentences;
}

/** The overview, sentence by sentence: a sentence resting on a quote nobody said is dropped, the rest kept. */
function verifyOverview(overview: string, utterances: Utterances, policy: QuotePolicy, report: QuoteCheckReport) {
  return sentencesWithQuotes(overview)
    .flatMap((sentence) => {
      const kept = verifyInlineQuotes(sentence, utterances, policy, report);
      return kept === undefined ? [] : [kept];
    })
    .join('')
    .trimEnd();
}

/**
 * Checks a whole focus-group summary against what was said: every theme quote (as `checkQuote`),
 * every quote inside agreements, disagreements, surprises, objections, recommendations and the overview
 * (sentence by sentence: only the sentence resting on a false quote goes), and every persona name (an objection by someone who never spoke is dropped; a first name becomes the full
 * name). The real and the offline summariser both go through here.
 *
 * @example
 *   const { summary, report } = verifySummary(raw, utterancesBySpeaker(events), 'repair');
 */
export function verifySummary(
  summary: FocusGroupSummary,
  utterances: Utterances,
  policy: QuotePolicy,
  report: QuoteCheckReport,
): FocusGroupSummary {
  const themes = summary.themes.map((theme) => ({
    ...theme,
    quotes: theme.quotes.flatMap((quote) => {
      const verdict = checkQuote(quote, utterances, policy);
      tallyVerdict(report, verdict);
      return verdict.status === 'dropped' ? [] : [verdict.quote];
    }),
  }));
  const objections = summary.objections.flatMap((objection) => {
    const persona = resolveSpeaker(objection.persona, utterances.keys());
    if (!persona) {
      report.checked++;
      report.dropped++;
      return [];
    }
    const text = verifyInlineQuotes(`${persona}: ${objection.objection}`, utterances, policy, report);
    return text === undefined ? [] : [{ persona, objection: text.slice(persona.length + 2) }];
  });
  return {
    ...summary,
    overview: verifyOverview(summary.overview, utterances, policy, report),
    themes,
    agreements: verifyList(summary.agreements, utterances, policy, report),
    disagreements: verifyList(summary.disagreements, utterances, policy, report),
    surprises: verifyList(summary.surprises, utterances, policy, report),
    objections,
    recommendations: verifyList(summary.recommendations, utterances, policy, report),
  };
}
