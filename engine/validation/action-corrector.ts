import type { ActingAgent, TurnReview, TurnReviewer } from '../agent/agent-port.js';
import type { Action } from '../agent/events.js';
import { UserInputError } from '../errors.js';
import type { CallAttribution, LanguageModel } from '../llm/port.js';
import { scorePairsBatched } from './batched-judge.js';
import { type CorrectionTally, addUsage, emptyTally, sumTallies } from './correction-stats.js';
import { type JudgedPair, type TurnJudgeContext, scorePairsOneByOne } from './per-check-judge.js';
import { ACTION_CHECK_LABELS, ACTION_CHECK_NAMES, type ActionCheckName } from './standard-propositions.js';
import { formatAction } from './text.js';

/**
 * How the judge is asked: `batched` (default) scores every (action, check) pair of a turn in one call;
 * `per-check` makes one proposition call per pair, each re-sending the persona and trajectory.
 */
export type CorrectionMode = 'batched' | 'per-check';

/** Options of the action corrector. */
export interface ActionCorrectorOptions {
  model: LanguageModel;
  /** Enabled action-level checks (default: all four). */
  checks?: readonly ActionCheckName[];
  /** Minimum acceptable score, 0..9 (default 5, like TinyTroupe). */
  threshold?: number;
  /** Regeneration attempts after the first candidate (default 2). */
  maxAttempts?: number;
  /** When every attempt fails (default 'keep-best'). */
  onExhausted?: 'keep-best' | 'raise';
  /** Action types reviewed (default TALK and THINK). */
  actionTypes?: readonly string[];
  /** Trajectory window given to the judge (defaults 5 and 20: enough to judge one action, cheap). */
  firstN?: number;
  lastN?: number;
  attribution?: CallAttribution;
  /** One call per turn (`batched`, default) or one call per (action, check) pair (`per-check`). */
  mode?: CorrectionMode;
}

/** One (action, check) scoring of a review. */
export interface CheckOutcome {
  actionIndex: number;
  action: Action;
  check: ActionCheckName;
  score: number;
  justification: string;
  passed: boolean;
}

/** A review with the per-check details kept for inspection. */
export interface DetailedTurnReview extends TurnReview {
  outcomes: CheckOutcome[];
  /** Tokens this review's judge calls spent (cached calls count 0). */
  usage: { inputTokens: number; outputTokens: number };
}

/**
 * Action correction as a `TurnReviewer`: every TALK/THINK of a candidate turn is scored 0..9 against each
 * enabled action-level check; the turn is accepted only when all scores reach the threshold. By default
 * one batched call scores the whole turn; `mode: 'per-check'` asks one proposition per pair instead.
 * The feedback names the failing check, the action and the judge's reason. Judge calls use the task
 * name `correction.score` so metering shows what correction added; `tally(name)` keeps per-agent counts.
 *
 * @example
 *   const corrector = new ActionCorrector({ model, checks: ['persona-adherence', 'fluency'], threshold: 6 });
 *   const lisa = new TinyPerson(spec, { model, turnReviewer: corrector });
 *   await lisa.act();
 *   corrector.tally('Lisa'); // { reviews, checksRun, failures, regenerations, extraInputTokens, … }
 */
export class ActionCorrector implements TurnReviewer {
  readonly maxAttempts: number;
  readonly onExhausted: 'keep-best' | 'raise';
  readonly threshold: number;
  readonly checks: readonly ActionCheckName[];
  readonly mode: CorrectionMode;
  private readonly actionTypes: ReadonlySet<string>;
  private readonly tallies = new Map<string, CorrectionTally>();
  /** Rejections in a row per agent: tells a regenerated candidate from a fresh turn. */
  private readonly streaks = new Map<string, number>();

  constructor(private readonly options: ActionCorrectorOptions) {
    this.threshold = options.threshold ?? 5;
    this.maxAttempts = options.maxAttempts ?? 2;
    this.onExhausted = options.onExhausted ?? 'keep-best';
    this.checks = options.checks ?? ACTION_CHECK_NAMES;
    this.actionTypes = new Set(options.actionTypes ?? ['TALK', 'THINK']);
    this.mode = options.mode ?? 'batched';
    if (this.mode !== 'batched' && this.mode !== 'per-check') {
      throw new UserInputError(
        'correction.bad_mode',
        `Unknown correction mode "${String(this.mode)}"; use 'batched' or 'per-check'.`,
        "new ActionCorrector({ model, mode: 'batched' })",
      );
    }
    if (!(this.threshold >= 0 && this.threshold <= 9) || !Number.isInteger(this.maxAttempts) || this.maxAttempts < 0) {
      throw new UserInputError(
        'correction.bad_options',
        'The threshold must be within 0..9 and maxAttempts a whole number ≥ 0.',
        'new ActionCorrector({ model, threshold: 5, maxAttempts: 2 })',
      );
    }
    const unknown = this.checks.filter((c) => !ACTION_CHECK_NAMES.includes(c));
    if (unknown.length || this.checks.length === 0) {
      throw new UserInputError(
        'correction.unknown_check',
        `Unknown or empty checks: ${unknown.join(', ') || '(none given)'}. Known: ${ACTION_CHECK_NAMES.join(', ')}.`,
        "checks: ['persona-adherence', 'fluency']",
      );
    }
  }

  async review(agent: ActingAgent, candidate: Action[], signal?: AbortSignal): Promise<DetailedTurnReview> {
    const tally = this.tally(agent.name);
    const streak = this.streaks.get(agent.name) ?? 0;
    tally.reviews++;
    if (streak > 0) tally.regenerations++;
    const pairs: JudgedPair[] = candidate.flatMap((action, index) =>
      this.actionTypes.has(action.type) ? this.checks.map((check) => ({ index, action, check })) : [],
    );
    const usage = { inputTokens: 0, outputTokens: 0 };
    const context: TurnJudgeContext = {
      agent,
      candidate,
      model: this.options.model,
      firstN: this.options.firstN ?? 5,
      lastN: this.options.lastN ?? 20,
      attribution: this.options.attribution,
      signal,
      onUsage: (callUsage) => {
        addUsage(tally, callUsage);
        if (callUsage && !callUsage.cached) {
          usage.inputTokens += callUsage.inputTokens;
          usage.outputTokens += callUsage.outputTokens;
        }
      },
    };
    const scores =
      this.mode === 'batched'
        ? await scorePairsBatched(context, pairs, this.checks)
        : await scorePairsOneByOne(context, pairs);
    const outcomes: CheckOutcome[] = scores.map((s) => ({
      actionIndex: s.index,
      action: s.action,
      check: s.check,
      score: s.score,
      justification: s.justification,
      passed: s.score >= this.threshold,
    }));
    tally.checksRun += outcomes.length;
    const failed = outcomes.filter((o) => !o.passed);
    tally.failures += failed.length;
    const score = outcomes.length ? Math.min(...outcomes.map((o) => o.score)) : 9;
    if (failed.length === 0) {
      this.streaks.set(agent.name, 0);
      return { accepted: true, score, feedback: '', outcomes, usage };
    }
    tally.rejections++;
    if (streak >= this.maxAttempts) {
      tally.exhausted++;
      this.streaks.set(agent.name, 0);
    } else {
      this.streaks.set(agent.name, streak + 1);
    }
    return { accepted: false, score, feedback: this.feedback(failed), outcomes, usage };
  }

  /** The per-agent tally (live object; created on first use). */
  tally(agentName: string): CorrectionTally {
    let tally = this.tallies.get(agentName);
    if (!tally) {
      tally = emptyTally();
      this.tallies.set(agentName, tally);
    }
    return tally;
  }

  /** Every agent's tally, by name. */
  allTallies(): ReadonlyMap<string, CorrectionTally> {
    return this.tallies;
  }

  /** The tallies of all agents added up. */
  total(): CorrectionTally {
    return sumTallies(this.tallies.values());
  }

  private feedback(failed: CheckOutcome[]): string {
    const lines = failed.map(
      (f) =>
        `- Action ${f.actionIndex + 1} (${formatAction(f.action)}) failed the ${ACTION_CHECK_LABELS[f.check]} check: scored ${f.score}/9, below ${this.threshold}. Reason: ${f.justification}`,
    );
    return `Your previous attempt was rejected. Fix these problems and produce the turn again:\n${lines.join('\n')}`;
  }
}
