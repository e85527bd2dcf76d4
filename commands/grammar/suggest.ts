import { distance } from 'fastest-levenshtein';

/**
 * The known names closest to what was typed (case-insensitive edit distance, prefix matches
 * first), for "did you mean" hints.
 *
 * @example
 *   closestNames('us-parnets', ['us-parents', 'nurses']) // ['us-parents']
 */
export function closestNames(typed: string, known: readonly string[], limit = 3): string[] {
  const needle = typed.toLowerCase();
  const scored = known.map((name) => {
    const candidate = name.toLowerCase();
    const prefix = candidate.startsWith(needle) || needle.startsWith(candidate) ? -2 : 0;
    const partial = candidate.split(/\s+/).some((word) => word === needle) ? -3 : 0;
    return { name, score: distance(needle, candidate) + prefix + partial };
  });
  const threshold = Math.max(3, Math.ceil(needle.length / 2));
  return scored
    .filter((entry) => entry.score <= threshold)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((entry) => entry.name);
}

/** " Did you mean X or Y?" or an empty string. */
export function didYouMean(typed: string, known: readonly string[]): string {
  const close = closestNames(typed, known);
  if (!close.length) return '';
  const quoted = close.map((name) => `"${name}"`);
  return ` Did you mean ${quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`}?`;
}
