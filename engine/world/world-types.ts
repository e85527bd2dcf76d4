import type { ActingAgent } from '../agent/agent-port.js';
import type { Action, WorldEvent } from '../agent/events.js';
import type { Duration, SimulatedClock } from './clock.js';
import type { WorldIntervention, WorldObserverEvent } from './world-port.js';

/** How agents take their turns within a step. */
export type WorldMode = 'parallel' | 'sequential';

/** Receives observer events in order; a returned promise is awaited before the step ends. */
export type WorldObserver = (event: WorldObserverEvent) => void | Promise<void>;

/** Receives transcript events in order (e.g. to append them to the `EventStore`). */
export type WorldEventSink = (events: WorldEvent[]) => Promise<void>;

/**
 * Options of a `TinyWorld`.
 *
 * @example
 *   new TinyWorld({ name: 'focus-group', agents: [ada, bo], mode: 'parallel', observer: (e) => post(e) });
 */
export interface TinyWorldOptions {
  name: string;
  agents?: ActingAgent[];
  /** Start of simulated time (default: a fixed date, never the wall clock). Ignored when `clock` is given. */
  initialTime?: Date | string;
  /** Share a clock with the personas so their prompts show the world's time. */
  clock?: SimulatedClock;
  /** Evaluated in order at the start of every step. */
  interventions?: WorldIntervention[];
  /** A TALK without a (known) target reaches every other agent (default true). */
  broadcastIfNoTarget?: boolean;
  /** `parallel` (default): everyone acts on what they heard before the step. `sequential`: later agents hear earlier ones. */
  mode?: WorldMode;
  /** Sequential mode: a seeded shuffle per step (default) or the agents' order. */
  sequentialOrder?: 'shuffled' | 'fixed';
  /** Cap on agents acting at once in parallel mode (default: unbounded; the model's limiter bounds calls). */
  maxConcurrency?: number;
  /** Cap on actions per turn, passed to `act()`. */
  maxActionsPerTurn?: number;
  observer?: WorldObserver;
  eventSink?: WorldEventSink;
  /** Seed of the sequential shuffle (default: a hash of the world name). */
  seed?: number;
}

/** Options of one step. */
export interface StepOptions {
  /** Simulated time to advance before the step (default: none). */
  stepDuration?: Duration;
  signal?: AbortSignal;
  /** The conversation (thread) the step belongs to; stamped on every event. */
  threadKey?: string;
  /**
   * Deliver what agents say to each other (default true). `false` makes the step private: every
   * agent answers without hearing the others (independent answers before a discussion); the
   * actions are still recorded and observed.
   */
  deliver?: boolean;
  /**
   * Wraps each agent's turn in this step, e.g. to replay a turn already posted before a restart
   * instead of asking the model again, or to turn one agent's failure into an empty turn so the
   * others' turns are kept. `act` runs the agent's own turn.
   */
  actFor?: (agent: ActingAgent, step: number, act: () => Promise<Action[]>) => Promise<Action[]>;
}

/** Options of `run()`. */
export interface RunOptions extends StepOptions {
  steps: number;
}

/** What one agent did in a step. */
export interface AgentTurn {
  agent: string;
  actions: Action[];
}

/** The outcome of one step, turns in delivery order. */
export interface StepResult {
  step: number;
  time: Date;
  turns: AgentTurn[];
  interventionsFired: string[];
}

/** When an intervention fired (kept in the world state). */
export interface InterventionFire {
  intervention: string;
  step: number;
  time: string;
}
