import type { PollRun } from '../../engine/extraction/polls/index.js';

/**
 * Which method produced a poll's answers, said with every Likert result: direct ratings, or SSR (and whether
 * its embeddings were the offline model's lexical stand-in).
 */
export function pollMethodNote(run: Pick<PollRun, 'poll' | 'method' | 'ssr'>): string | undefined {
  if (run.poll.kind !== 'likert') return undefined;
  if (run.method !== 'ssr' || !run.ssr) return 'Method: direct (each persona gave a number).';
  const stand = run.ssr.lexicalStandIn
    ? ' Similarity: a LEXICAL STAND-IN from the offline demo model (lexical similarity, not embeddings: word overlap, not meaning).'
    : '';
  return `Method: SSR (semantic similarity rating, arXiv 2510.08338): free-text answers compared with one anchor statement per point; cosine similarities minus the lowest, ε = 0.01, normalised.${stand} Anchors: ${run.ssr.anchors.map((anchor, index) => `${index + 1} "${anchor}"`).join('; ')}`;
}
