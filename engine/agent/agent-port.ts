import type { Action, Stimulus, WorldEvent } from './events.js';
import type { PersonaSpec } from './persona-spec.js';

/** The cognitive state a persona carries between turns (rendered into every act prompt). */
export interface CognitiveState {
  goals: string;
  context: string[];
  attention: string;
  emotions: string;
  location?: string;
}

/** Options for one `act()` turn. */
export interface ActOptions {
  signal?: AbortSignal;
  /** Cap on actions in the turn (default 15, like TinyTroupe). */
  maxActions?: number;
  /** Thread the turn belongs to (stamped on the produced events). */
  threadKey?: string;
}

/** A candidate turn and the verdict of a reviewer (action correction). */
export interface TurnReview {
  accepted: boolean;
  /** 0..9, higher is better; used to keep the best attempt when all fail. */
  score: number;
  /** What to fix, fed back to the model on regeneration. */
  feedback: string;
  /** Tokens the review itself spent (counted in the agent's correction statistics). */
  usage?: { inputTokens: number; outputTokens: number };
}

/**
 * Reviews a candidate turn before it is committed (action correction). Implemented in
 * `engine/validation/`; `TinyPerson` calls it and regenerates the turn with the feedback.
 */
export interface TurnReviewer {
  review(agent: ActingAgent, candidate: Action[], signal?: AbortSignal): Promise<TurnReview>;
  /** Regeneration attempts after the first (default 2). */
  readonly maxAttempts: number;
  /** When every attempt fails: keep the best one, or throw a ModelBehaviorError. */
  readonly onExhausted: 'keep-best' | 'raise';
}

/**
 * What the world, steering, validation and extraction need from a persona. `TinyPerson`
 * implements it.
 */
export interface ActingAgent {
  readonly name: string;
  readonly spec: PersonaSpec;
  readonly cognitiveState: CognitiveState;
  /** Names of agents this one can talk to. */
  readonly accessibleAgents: ReadonlySet<string>;
  /** What judges read about this persona instead of the full spec, when the deployment allows it. */
  readonly compactProfile?: string;

  perceive(stimulus: Stimulus, threadKey?: string): void;
  listen(content: string, source?: string, threadKey?: string): void;
  socialize(content: string, source?: string): void;
  see(description: string, source?: string): void;
  think(thought: string): void;
  internalizeGoal(goal: string): void;

  /** Runs one turn: asks the model, commits actions in order up to DONE; returns the committed actions (without DONE). */
  act(options?: ActOptions): Promise<Action[]>;

  makeAccessible(name: string): void;
  makeInaccessible(name: string): void;

  /** The agent's own events in order (stimuli and actions). firstN + lastN window when given. */
  trajectory(window?: { firstN?: number; lastN?: number }): WorldEvent[];
  /** Whole state for the store (spec, memory, cognitive state, faculties). */
  toState(): Record<string, unknown>;
}
