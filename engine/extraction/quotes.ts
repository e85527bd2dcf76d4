/** A quote attributed to a persona. */
export interface Quote {
  persona: string;
  text: string;
}

/** What happens to a quote that is not found verbatim: replaced by the closest real sentence, or dropped. */
export type QuotePolicy = 'repair' | 'drop';

/** Tally of quote verification, reported with every summary. */
export interface QuoteCheckReport {
  checked: number;
  verified: number;
  repaired: number;
  dropped: number;
}

/** The verdict on one quote. */
export type QuoteVerdict =
  | { status: 'verified'; quote: Quote }
  | { status: 'repaired'; quote: Quote; original: Quote }
  | { status: 'dropped'; original: Quote };

/** Lower-case, straight quotes, single spaces, no wrapping quote marks or ellipses. */
export function normalizeForMatch(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201B]/g, "'")
    .replace(/[\u201C\u201D\u201F]/g, '"')
    .replace(/\u2026/g, '...')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'.\s]+|["'.\s]+$/g, '')
    .toLowerCase();
}

const WORD = /[\p{L}\p{N}']+/gu;

function wordsOf(text: string): string[] {
  return normalizeForMatch(text).match(WORD) ?? [];
}

/** Dice similarity of the word sets of two texts (0..1). */
export function wordSimilarity(a: string, b: string): number {
  const left = new Set(wordsOf(a));
  const right = new Set(wordsOf(b));
  if (!left.size || !right.size) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return (2 * shared) / (left.size + right.size);
}

/** Splits an utterance into sentences (keeps the terminal punctuation). */
export function sentencesOf(text: string): string[] {
  return (text.match(/[^.!?]+[.!?]*/g) ?? []).map((sentence) => sentence.trim()).filter(Boolean);
}

/** Finds the speaker key for a name, tolerating case and a first name for a full name. */
export function resolveSpeaker(name: string, speakers: Iterable<string>): string | undefined {
  const wanted = name.trim().toLowerCase();
  const all = [...speakers];
  const exact = all.find((speaker) => speaker.toLowerCase() === wanted);
  if (exact) return exact;
  const partial = all.filter((speaker) => speaker.toLowerCase().split(/\s+/).includes(wanted));
  return partial.length === 1 ? partial[0] : undefined;
}

/**
 * Checks a quote against what was actually said. Verified when its normalised text is a substring of
 * one of the persona's utterances; otherwise repaired (closest real sentence by that persona, or the
 * same words said by exactly one other persona) or dropped.
 *
 * @example
 *   checkQuote({ persona: 'Lisa', text: 'I love it' }, new Map([['Lisa', ['Honestly, I love it!']]]), 'repair');
 */
export function checkQuote(
  quote: Quote,
  utterances: ReadonlyMap<string, readonly string[]>,
  policy: QuotePolicy,
  minSimilarity = 0.35,
): QuoteVerdict {
  const wanted = normalizeForMatch(quote.text);
  const speaker = resolveSpeaker(quote.persona, utterances.keys());
  const said = speaker ? (utterances.get(speaker) ?? []) : [];
  if (wanted && said.some((utterance) => normalizeForMatch(utterance).includes(wanted))) {
    return { status: 'verified', quote: { persona: speaker as string, text: quote.text.trim() } };
  }
  if (policy === 'drop' || !wanted) return { status: 'dropped', original: quote };
  const others = [...utterances].filter(
    ([name, list]) => name !== speaker && list.some((u) => normalizeForMatch(u).includes(wanted)),
  );
  if (others.length === 1)
    return { status: 'repaired', quote: { persona: others[0][0], text: quote.text.trim() }, original: quote };
  let best: { text: string; score: number } | undefined;
  for (const sentence of said.flatMap(sentencesOf)) {
    const score = wordSimilarity(sentence, quote.text);
    if (!best || score > best.score) best = { text: sentence, score };
  }
  if (speaker && best && best.score >= minSimilarity) {
    return { status: 'repaired', quote: { persona: speaker, text: best.text }, original: quote };
  }
  return { status: 'dropped', original: quote };
}

/** Adds one verdict to a running report. */
export function tallyVerdict(report: QuoteCheckReport, verdict: QuoteVerdict): void {
  report.checked++;
  report[verdict.status]++;
}

/** An empty report. */
export function emptyQuoteReport(): QuoteCheckReport {
  return { checked: 0, verified: 0, repaired: 0, dropped: 0 };
}
