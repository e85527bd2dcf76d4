import { UserInputError, throwIfAborted } from '../errors.js';
import type { LanguageModel } from '../llm/port.js';
import { Proposition, type PropositionOptions } from '../validation/proposition.js';
import { type SimulationTarget, agentNamesOf, isWorld } from '../validation/targets.js';
import type { WorldIntervention, WorldView } from '../world/world-port.js';

/** When an intervention fired and on whom. */
export interface InterventionFiring {
  step: number;
  time: Date;
  /** Target names, e.g. `Lisa` or `Brainstorm room`. */
  target: string;
  /** The judge's reason when a textual precondition was checked. */
  justification?: string;
}

/** What the effect and functional precondition get besides the targets. */
export interface InterventionContext {
  world: WorldView;
  step: number;
  signal?: AbortSignal;
}

/** How to build an intervention. At least one precondition or `always: true`; both preconditions must hold when given. */
export interface InterventionOptions {
  name?: string;
  /** A proposition (or its claim; then `model` is needed) checked by an LLM judge over the targets. */
  textualPrecondition?: Proposition | string;
  /** A cheap code check; evaluated first, so a false result saves the LLM call. */
  functionalPrecondition?: (
    targets: readonly SimulationTarget[],
    context: InterventionContext,
  ) => boolean | Promise<boolean>;
  effect: (targets: readonly SimulationTarget[], context: InterventionContext) => void | Promise<void>;
  /** Needed when `textualPrecondition` is a string. */
  model?: LanguageModel;
  /** Window and persona options for a string textual precondition. */
  propositionOptions?: Omit<PropositionOptions, 'model'>;
  /** Steps to stay quiet after firing (default 0). */
  cooldownSteps?: number;
  /** Stop after this many firings (default unlimited). */
  maxFirings?: number;
  /** Fire at every step when there is no precondition (default false: no precondition is an error). */
  always?: boolean;
}

/**
 * An event-driven steering rule: when its preconditions hold at the start of a world step, its
 * effect runs (e.g. the agent thinks a nudge). The world evaluates it at each step; `firings` records
 * when it fired.
 *
 * @example
 *   const nudges = Intervention.createForEach(world.agents, (agent) => ({
 *     functionalPrecondition: () => agent.trajectory().length >= 7,
 *     textualPrecondition: 'THE AGENT IS NOT PROPOSING NEW IDEAS ANYMORE',
 *     model,
 *     effect: () => agent.think('I need completely new ideas.'),
 *   }));
 *   const world = new TinyWorld({ name: 'Brainstorm', agents, interventions: nudges, model });
 */
export class Intervention implements WorldIntervention {
  readonly name: string;
  readonly targets: readonly SimulationTarget[];
  readonly firings: InterventionFiring[] = [];
  private options: InterventionOptions;
  private lastFiredStep = -Infinity;

  constructor(targets: SimulationTarget | readonly SimulationTarget[], options: InterventionOptions) {
    this.targets = Array.isArray(targets)
      ? [...(targets as readonly SimulationTarget[])]
      : [targets as SimulationTarget];
    if (this.targets.length === 0) {
      throw new UserInputError(
        'intervention.no_targets',
        'An intervention needs at least one agent or world.',
        'new Intervention(lisa, { functionalPrecondition, effect })',
      );
    }
    this.options = { ...options };
    this.name =
      options.name ??
      `intervention on ${this.targets.flatMap((t) => (isWorld(t) ? [t.name] : agentNamesOf(t))).join(', ')}`;
    this.validate();
  }

  /** One intervention per agent, each built from that agent. */
  static createForEach<T extends SimulationTarget>(
    targets: readonly T[],
    build: (target: T) => InterventionOptions,
  ): Intervention[] {
    return targets.map((target) => new Intervention(target, build(target)));
  }

  /** Sets the textual precondition (a proposition or a claim checked with `model`). */
  setTextualPrecondition(precondition: Proposition | string, model?: LanguageModel): this {
    this.options = { ...this.options, textualPrecondition: precondition, model: model ?? this.options.model };
    this.validate();
    return this;
  }

  setFunctionalPrecondition(precondition: NonNullable<InterventionOptions['functionalPrecondition']>): this {
    this.options = { ...this.options, functionalPrecondition: precondition };
    return this;
  }

  setEffect(effect: InterventionOptions['effect']): this {
    this.options = { ...this.options, effect };
    return this;
  }

  async evaluate(world: WorldView, step: number, signal?: AbortSignal): Promise<boolean> {
    throwIfAborted(signal);
    const { functionalPrecondition, cooldownSteps = 0, maxFirings = Infinity } = this.options;
    if (this.firings.length >= maxFirings || step - this.lastFiredStep <= cooldownSteps) return false;
    const context: InterventionContext = { world, step, signal };
    if (functionalPrecondition && !(await functionalPrecondition(this.targets, context))) return false;
    let justification: string | undefined;
    const proposition = this.textualProposition();
    if (proposition) {
      const verdict = await proposition.check({}, signal);
      if (!verdict.value) return false;
      justification = verdict.justification;
    }
    await this.options.effect(this.targets, context);
    this.lastFiredStep = step;
    this.firings.push({
      step,
      time: new Date(world.currentTime.getTime()),
      target: this.targets.map((t) => t.name).join(', '),
      justification,
    });
    return true;
  }

  private textualProposition(): Proposition | undefined {
    const text = this.options.textualPrecondition;
    if (text === undefined || text instanceof Proposition) return text;
    return new Proposition(text, this.targets, {
      lastN: 20,
      firstN: 0,
      ...this.options.propositionOptions,
      model: this.options.model!,
      taskPrefix: 'intervention',
    });
  }

  private validate(): void {
    const { textualPrecondition, functionalPrecondition, model, always } = this.options;
    if (typeof textualPrecondition === 'string' && !model) {
      throw new UserInputError(
        'intervention.no_model',
        'A textual precondition given as text needs a model to judge it.',
        "new Intervention(lisa, { textualPrecondition: 'Lisa is bored', model, effect })",
      );
    }
    if (!textualPrecondition && !functionalPrecondition && !always) {
      throw new UserInputError(
        'intervention.no_precondition',
        'An intervention needs a textual or functional precondition (or always: true to fire at every step).',
        'new Intervention(lisa, { functionalPrecondition: ([a]) => a.trajectory().length > 7, effect })',
      );
    }
  }
}
