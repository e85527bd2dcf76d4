export { PollDefinitionSchema, parsePoll, scaleMidpoint, type PollDefinition, type PollKind } from './definition.js';
export { answerSchemaFor, answerValue, answerInstructions, type PollValue } from './answer-schema.js';
export { runPoll, type PollPersona, type PollAnswer, type RunPollInput, type PollRun } from './ask.js';
export {
  aggregatePoll,
  aggregateRun,
  scaleStats,
  midpointWarnings,
  pollOptions,
  selectedOptions,
  type Interval,
  type OptionTally,
  type ScaleStats,
  type PollWarning,
  type PollResults,
  type AggregateOptions,
} from './aggregate.js';
export {
  breakdownPoll,
  answersInSegment,
  segmentOf,
  ageBand,
  dimensionLabel,
  type Dimension,
  type Breakdown,
  type SegmentResults,
} from './breakdown.js';
export { compareAnswers, comparePolls, compareSegments, type PollComparison, type CompareOptions } from './compare.js';
export { analyzePoll, type PollAnalysis, type AnalyzePollOptions } from './analyze.js';
export {
  compareDistributions,
  type DistributionComparison,
  type DistributionSide,
  type OptionDifference,
} from './distribution-compare.js';
export {
  comparePeopleWithPanel,
  panelSide,
  choiceSide,
  ordinalScale,
  PEOPLE_POLL_KINDS,
  type PeopleComparison,
  type SegmentDivergence,
} from './people-vs-panel.js';
export { ssrDistribution, cosineSimilarity, type SsrOptions } from './ssr-distribution.js';
export {
  ssrAnchors,
  ssrAnswer,
  ssrEmbedder,
  ssrNeedsEmbeddings,
  type SsrAnswer,
  type SsrEmbedder,
} from './ssr-poll.js';
export { measureOpinionShift, type OpinionShift, type PersonaShift } from './opinion-shift.js';
export { diffPolls, type PollDiff } from './poll-diff.js';
