import { STOP_WORDS } from '../../util/words.js';
import { words } from '../similarity.js';

/** A light English stemmer (plurals, possessives) so "trains" matches "train". */
export function stem(word: string): string {
  if (word.endsWith("'s")) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

/** Index terms of a text: lower-cased, lightly stemmed words without stopwords. */
export function terms(text: string): string[] {
  return words(text)
    .filter((word) => !STOP_WORDS.has(word) && word.length > 1)
    .map(stem);
}

/**
 * Okapi BM25 over a small in-memory corpus (a persona's memories: hundreds, not millions, so the
 * index is rebuilt per query). Returns document indexes with a positive score, best first.
 *
 * @example
 *   bm25Rank(['I love tea', 'Dogs bark'], 'tea please', 1); // [{ index: 0, score: … }]
 */
export function bm25Rank(
  documents: readonly string[],
  query: string,
  limit: number,
  params: { k1?: number; b?: number } = {},
): { index: number; score: number }[] {
  const k1 = params.k1 ?? 1.2;
  const b = params.b ?? 0.75;
  const queryTerms = [...new Set(terms(query))];
  if (queryTerms.length === 0 || documents.length === 0) return [];
  const tokenized = documents.map(terms);
  const averageLength = tokenized.reduce((sum, doc) => sum + doc.length, 0) / documents.length || 1;
  const documentFrequency = new Map<string, number>();
  for (const doc of tokenized)
    for (const term of new Set(doc)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const scored = tokenized.map((doc, index) => {
    const frequency = new Map<string, number>();
    for (const term of doc) frequency.set(term, (frequency.get(term) ?? 0) + 1);
    let score = 0;
    for (const term of queryTerms) {
      const tf = frequency.get(term) ?? 0;
      if (tf === 0) continue;
      const df = documentFrequency.get(term) ?? 0;
      const idf = Math.log(1 + (documents.length - df + 0.5) / (df + 0.5));
      score += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * doc.length) / averageLength));
    }
    return { index, score };
  });
  return scored
    .filter((entry) => entry.score > 0)
    .sort((left, right) => right.score - left.score || left.index - right.index)
    .slice(0, limit);
}

/** Cosine similarity of two vectors (0 when either is all zeros). */
export function cosine(left: readonly number[], right: readonly number[]): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    dot += left[i] * right[i];
    leftNorm += left[i] * left[i];
    rightNorm += right[i] * right[i];
  }
  return leftNorm && rightNorm ? dot / Math.sqrt(leftNorm * rightNorm) : 0;
}
