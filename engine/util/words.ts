/**
 * English function words the engine ignores when it compares or indexes texts: BM25 memory retrieval
 * (`terms`), proposition and intervention word overlap (`contentWords`). One list, so "what counts as a
 * content word" is the same everywhere; the offline demo model extends it with its own stock phrases.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'the a an and or but if then else of to in on at by for with from as is are was were be been being it its this that these those i you he she we they me my your our their his her them us not no do does did have has had will would can could should may might must just so than too very also about into over more most some any each all what which who whom how why when where there here am'.split(
    ' ',
  ),
);

/**
 * Lower-cased content words: stop-words and words under 3 letters dropped, apostrophes kept.
 *
 * @example
 *   contentWords("Ada's bike is broken"); // ["ada's", 'bike', 'broken']
 */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []).filter((w) => w.length >= 3 && !STOP_WORDS.has(w));
}
