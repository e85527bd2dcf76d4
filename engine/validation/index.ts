export {
  Proposition,
  PropositionCheckSchema,
  PropositionScoreSchema,
  type PropositionOptions,
  type PropositionVars,
  type CheckResult,
  type ScoreResult,
} from './proposition.js';
export {
  STANDARD_CLAIMS,
  personaAdherence,
  hardPersonaAdherence,
  selfConsistency,
  fluency,
  taskCompletion,
  divergence,
  convergence,
  quietRecently,
  actionPropositions,
  ACTION_CHECK_NAMES,
  ACTION_CHECK_LABELS,
  type ActionCheckName,
  type StandardOptions,
} from './standard-propositions.js';
export {
  ActionCorrector,
  type ActionCorrectorOptions,
  type CheckOutcome,
  type CorrectionMode,
  type DetailedTurnReview,
} from './action-corrector.js';
export { scorePairsBatched, batchScoresSchema, type BatchScores, type BatchedCheckHint } from './batched-judge.js';
export {
  batchedClaim,
  renderBatchedMessages,
  renderMissingPairsFollowUp,
  type BatchedCheck,
  type BatchedTurnContext,
} from './batched-prompts.js';
export {
  scorePairsOneByOne,
  checkProposition,
  type JudgedPair,
  type PairScore,
  type TurnJudgeContext,
} from './per-check-judge.js';
export { type CorrectionTally, emptyTally, sumTallies } from './correction-stats.js';
export {
  TinyPersonValidator,
  ExaminerTurnSchema,
  VerdictSchema,
  type ValidationResult,
  type PersonValidatorOptions,
} from './persona-validator.js';
export type { InterviewRound } from './validator-prompts.js';
export {
  type SimulationTarget,
  isWorld,
  personasOf,
  agentNamesOf,
  describeTarget,
  renderTargetContext,
} from './targets.js';
export { contentWords, fillTemplate, formatAction, formatEvent, renderWindow, windowEvents } from './text.js';
