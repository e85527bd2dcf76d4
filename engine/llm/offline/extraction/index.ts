import type { OfflineResponders } from '../offline-model.js';
import { extractResponder, reduceResponder } from './extraction.js';
import { enrichResponder, normalizeResponder } from './normalize-enrich.js';
import { pollAnswerResponder } from './poll.js';
import { ssrAnchorsResponder, ssrAnswerResponder } from './ssr.js';

/**
 * Offline responders for every extraction task: summaries and idea lists built from sentences really
 * in the transcript, persona-dependent poll answers, keyword normalisation, expanding enrichment.
 *
 * @example
 *   const model = new OfflineModel({ responders: { ...extractionOfflineResponders } });
 */
export const extractionOfflineResponders: OfflineResponders = {
  'extraction.extract': extractResponder,
  'extraction.map': extractResponder,
  'extraction.reduce': reduceResponder,
  'extraction.normalize': normalizeResponder,
  'extraction.enrich': enrichResponder,
  'poll.answer': pollAnswerResponder,
  'poll.ssr.anchors': ssrAnchorsResponder,
  'poll.ssr.answer': ssrAnswerResponder,
};

export { offlineSummary } from './focus-summary.js';
export { sentenceStance } from './reading.js';
