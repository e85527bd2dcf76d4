export { makeProvenance, provenanceLine, type Provenance } from './provenance.js';
export {
  resolveEvents,
  conversationEvents,
  transcriptLines,
  utterancesBySpeaker,
  chunkTranscript,
  speakerOf,
  type ExtractionSource,
  type TranscriptLine,
} from './transcript.js';
export {
  ResultsExtractor,
  schemaFromFields,
  type ExtractRequest,
  type ExtractResult,
  type ResultsExtractorOptions,
  type ExtractionField,
} from './extractor.js';
export {
  summarizeFocusGroup,
  extractIdeas,
  FocusGroupSummarySchema,
  IdeaListSchema,
  QuoteSchema,
  type FocusGroupSummary,
  type FocusGroupSummaryResult,
  type IdeaList,
  type IdeaListResult,
  type ObjectiveOptions,
} from './summary.js';
export { verifySummary } from './verify-summary.js';
export {
  checkQuote,
  normalizeForMatch,
  wordSimilarity,
  type Quote,
  type QuotePolicy,
  type QuoteCheckReport,
  type QuoteVerdict,
} from './quotes.js';
export {
  ResultsReducer,
  chatLogRows,
  chatLogRule,
  answerTable,
  countsByType,
  type ReductionRule,
  type ReductionContext,
  type ChatLogRow,
  type AnswerRow,
} from './reducer.js';
export { Normalizer, type NormalizeRequest, type NormalizeResult, type AnswerCategory } from './normalizer.js';
export { TinyEnricher, EnrichedSchema, type EnrichRequest, type EnrichResult } from './enricher.js';
export * from './polls/index.js';
export * from './charts/index.js';
export * from './export/index.js';
export { diffThemes, type ThemeDiff } from './theme-diff.js';
