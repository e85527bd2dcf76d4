/** Themes of two summaries sorted into shared (matched pairs), only in A, only in B. */
export interface ThemeDiff {
  shared: { a: string; b: string }[];
  onlyA: string[];
  onlyB: string[];
}

const STOP = new Set([
  'the',
  'a',
  'an',
  'of',
  'and',
  'or',
  'to',
  'for',
  'in',
  'on',
  'with',
  'about',
  'is',
  'are',
  'it',
]);

function words(theme: string): Set<string> {
  return new Set(
    theme
      .toLowerCase()
      .split(/[^\p{L}\p{N}$]+/u)
      .filter((word) => word.length > 1 && !STOP.has(word))
      .map((word) => word.replace(/(ies|es|s)$/, '')),
  );
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let common = 0;
  for (const word of a) if (b.has(word)) common++;
  return common / Math.min(a.size, b.size);
}

/**
 * Matches two summaries' themes by their words (each theme of A pairs with the most similar unused
 * theme of B when at least half of the shorter one's words are shared).
 *
 * @example
 *   diffThemes(['Price worries', 'Delivery speed'], ['Worries about price', 'Packaging waste']);
 *   // { shared: [{ a: 'Price worries', b: 'Worries about price' }], onlyA: ['Delivery speed'], onlyB: ['Packaging waste'] }
 */
export function diffThemes(a: readonly string[], b: readonly string[]): ThemeDiff {
  const left = a.map(words);
  const right = b.map(words);
  const used = new Set<number>();
  const shared: ThemeDiff['shared'] = [];
  const onlyA: string[] = [];
  for (const [index, theme] of a.entries()) {
    let best = -1;
    let score = 0;
    for (const [other, candidate] of right.entries()) {
      if (used.has(other)) continue;
      const value = similarity(left[index], candidate);
      if (value > score) [best, score] = [other, value];
    }
    if (best >= 0 && score >= 0.5) {
      used.add(best);
      shared.push({ a: theme, b: b[best] });
    } else onlyA.push(theme);
  }
  return { shared, onlyA, onlyB: b.filter((_, index) => !used.has(index)) };
}
