import { z } from 'zod';
import { UserInputError, throwIfAborted } from '../errors.js';
import type { CallAttribution, LanguageModel, Usage } from '../llm/port.js';
import { renderPropositionMessages } from './proposition-prompts.js';
import { type SimulationTarget, agentNamesOf, personasOf, renderTargetContext } from './targets.js';
import { fillTemplate } from './text.js';
import { integerSet } from '../util/closed-sets.js';

/** Structured output of `proposition.check`. */
export const PropositionCheckSchema = z.object({
  value: z.boolean(),
  justification: z.string(),
  confidence: z.number().min(0).max(1),
});
/** Structured output of `proposition.score`. */
export const PropositionScoreSchema = z.object({
  value: integerSet(0, 9),
  justification: z.string(),
});

/** A boolean verdict; `skipped` when the precondition did not hold (then value is true, vacuously). */
export interface CheckResult {
  value: boolean;
  justification: string;
  confidence: number;
  skipped: boolean;
  usage?: Usage;
}

/** A 0..9 score; `skipped` when the precondition did not hold (then value is 9). */
export interface ScoreResult {
  value: number;
  justification: string;
  skipped: boolean;
  usage?: Usage;
}

/** Template variables filled into the claim at check time (`{{action}}` takes an Action or a string). */
export type PropositionVars = Readonly<Record<string, unknown>>;

/** Options of a Proposition. */
export interface PropositionOptions {
  model: LanguageModel;
  /** Add the persona specs of the targets to the context (default false). */
  includePersonas?: boolean;
  /** Events from the start of each trajectory (default 10). */
  firstN?: number;
  /** Events from the end of each trajectory (default 50). */
  lastN?: number;
  /** When it returns false the proposition is not applicable: check() → true, score() → 9, no LLM call. */
  precondition?: (targets: readonly SimulationTarget[], vars: PropositionVars) => boolean;
  /** Task-name prefix for metering: `proposition` (default) or e.g. `correction`. */
  taskPrefix?: string;
  attribution?: CallAttribution;
}

/**
 * A natural-language claim about agents or worlds, checked by an LLM judge over their trajectories.
 *
 * @example
 *   const p = new Proposition('{{name}} proposed at least one product idea.', [lisa], { model });
 *   const { value, justification } = await p.check({ name: 'Lisa' });
 *   const { value: score } = await p.score({ name: 'Lisa' }); // 0..9
 */
export class Proposition {
  readonly targets: readonly SimulationTarget[];
  readonly options: Required<Pick<PropositionOptions, 'includePersonas' | 'firstN' | 'lastN' | 'taskPrefix'>> &
    PropositionOptions;

  constructor(
    readonly claim: string,
    targets: SimulationTarget | readonly SimulationTarget[],
    options: PropositionOptions,
  ) {
    this.targets = Array.isArray(targets)
      ? [...(targets as readonly SimulationTarget[])]
      : [targets as SimulationTarget];
    if (this.targets.length === 0) {
      throw new UserInputError(
        'proposition.no_targets',
        'A proposition needs at least one agent or world to look at.',
        "new Proposition('Lisa is polite.', [lisa], { model })",
      );
    }
    this.options = { includePersonas: false, firstN: 10, lastN: 50, taskPrefix: 'proposition', ...options };
  }

  /** The claim with its variables filled; throws a UserInputError naming any variable left without a value. */
  renderClaim(vars: PropositionVars = {}): string {
    const { text, missing } = fillTemplate(this.claim, vars);
    if (missing.length) {
      throw new UserInputError(
        'proposition.missing_variable',
        `The claim uses ${missing.map((m) => `{{${m}}}`).join(', ')} but no value was given.`,
        `proposition.check({ ${missing[0]}: '…' })`,
      );
    }
    return text;
  }

  /** Whether the claim holds, with a justification and a confidence in [0, 1]. */
  async check(vars: PropositionVars = {}, signal?: AbortSignal): Promise<CheckResult> {
    if (!this.applies(vars))
      return {
        value: true,
        justification: 'Precondition not met; the claim does not apply.',
        confidence: 1,
        skipped: true,
      };
    const result = await this.ask('check', PropositionCheckSchema, vars, signal);
    return { ...result.value, skipped: false, usage: result.usage };
  }

  /** How true the claim is, 0 (completely false) to 9 (completely true), with a justification. */
  async score(vars: PropositionVars = {}, signal?: AbortSignal): Promise<ScoreResult> {
    if (!this.applies(vars))
      return { value: 9, justification: 'Precondition not met; the claim does not apply.', skipped: true };
    const result = await this.ask('score', PropositionScoreSchema, vars, signal);
    return { ...result.value, skipped: false, usage: result.usage };
  }

  /** The exact messages a check or score would send (for tests and debugging). */
  renderMessages(kind: 'check' | 'score', vars: PropositionVars = {}) {
    const { includePersonas, firstN, lastN } = this.options;
    const contexts = this.targets.map((t) => renderTargetContext(t, { includePersonas, firstN, lastN }));
    return renderPropositionMessages(kind, contexts, this.renderClaim(vars));
  }

  private applies(vars: PropositionVars): boolean {
    return this.options.precondition ? this.options.precondition(this.targets, vars) : true;
  }

  private async ask<T>(kind: 'check' | 'score', schema: z.ZodType<T>, vars: PropositionVars, signal?: AbortSignal) {
    throwIfAborted(signal);
    const claim = this.renderClaim(vars);
    return this.options.model.complete({
      task: `${this.options.taskPrefix}.${kind}`,
      messages: this.renderMessages(kind, vars),
      schema,
      temperature: 0,
      signal,
      attribution: this.options.attribution,
      hints: {
        claim,
        vars,
        action: vars.action,
        personas: this.options.includePersonas ? this.targets.flatMap(personasOf) : [],
        agents: this.targets.flatMap(agentNamesOf),
        recentEvents: this.targets.flatMap((t) => t.trajectory().slice(-this.options.lastN)),
      },
    });
  }
}
