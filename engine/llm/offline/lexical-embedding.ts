import { hashString } from '../../util/random.js';

/** Size of the offline stand-in's vectors. */
const DIMENSIONS = 256;

/**
 * A lexical STAND-IN for embeddings, used only by the offline demo model: hashed bag of words (lower-cased,
 * with adjacent word pairs so "not agree" differs from "agree"), L2-normalised. Cosine similarity of two
 * vectors is then word overlap, not meaning; output built on it is labelled as such.
 *
 * @example
 *   lexicalEmbedding('I strongly agree'); // 256 numbers
 */
export function lexicalEmbedding(text: string): number[] {
  const vector = new Array<number>(DIMENSIONS).fill(0);
  const tokens = text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  const features = [...tokens, ...tokens.slice(1).map((token, index) => `${tokens[index]} ${token}`)];
  for (const feature of features) vector[hashString(feature) % DIMENSIONS] += 1;
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  return norm > 0 ? vector.map((value) => value / norm) : vector;
}
