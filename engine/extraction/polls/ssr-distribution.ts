import { UserInputError } from '../../errors.js';

/** The SSR normalisation parameters (defaults documented on `ssrDistribution`). */
export interface SsrOptions {
  /** Added to the least similar point so no point gets exactly zero (default 0.01). */
  epsilon?: number;
  /** p ∝ p^(1/temperature) after normalising; 1 leaves it as is (default 1). */
  temperature?: number;
}

/** Cosine similarity of two vectors (0 when either is all zeros). */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length)
    throw new UserInputError(
      'ssr.dimensions',
      `Embeddings of different sizes (${a.length} and ${b.length}) cannot be compared.`,
      'cosineSimilarity([1, 0], [0, 1])',
    );
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * Semantic Similarity Rating (Maier et al., arXiv 2510.08338): the cosine similarity of the answer with each
 * scale point's anchor statement becomes a probability distribution over the points. What is used here: the
 * paper's normalisation p(r) ∝ γ(r) − min γ + ε·[r is the least similar point], with ε = 0.01, then a
 * temperature p ∝ p^(1/T) with T = 1 by default, renormalised; one anchor set per question (the paper
 * averages several). When every similarity is equal (nothing to tell the points apart) the result is uniform.
 *
 * @example
 *   ssrDistribution([0.2, 0.4, 0.9, 0.5, 0.3]); // most mass on point 3
 */
export function ssrDistribution(similarities: readonly number[], options: SsrOptions = {}): number[] {
  const epsilon = options.epsilon ?? 0.01;
  const temperature = options.temperature ?? 1;
  if (similarities.length < 2 || similarities.some((value) => !Number.isFinite(value)) || !(temperature > 0))
    throw new UserInputError(
      'ssr.similarities',
      'SSR needs a finite similarity for each of at least two scale points and a positive temperature.',
      'ssrDistribution([0.2, 0.4, 0.9, 0.5, 0.3])',
    );
  const min = Math.min(...similarities);
  const max = Math.max(...similarities);
  if (max - min < 1e-12) return similarities.map(() => 1 / similarities.length);
  const lowest = similarities.indexOf(min);
  const raw = similarities.map((value, index) => value - min + (index === lowest ? epsilon : 0));
  const tempered = raw.map((value) => value ** (1 / temperature));
  const total = tempered.reduce((sum, value) => sum + value, 0);
  return tempered.map((value) => value / total);
}
