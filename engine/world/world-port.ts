import type { ActingAgent } from '../agent/agent-port.js';
import type { Action, WorldEvent } from '../agent/events.js';

/** Something the world evaluates at the start of every step (see `engine/steering/`). */
export interface WorldIntervention {
  readonly name: string;
  /** Checks preconditions and applies the effect; returns true when it fired. */
  evaluate(world: WorldView, step: number, signal?: AbortSignal): Promise<boolean>;
}

/** Read access to a world for interventions, propositions, stories and extraction. */
export interface WorldView {
  readonly name: string;
  readonly agents: readonly ActingAgent[];
  readonly currentTime: Date;
  getAgent(name: string): ActingAgent | undefined;
  /** World-level events in order (everything delivered and said). */
  trajectory(window?: { firstN?: number; lastN?: number }): WorldEvent[];
  broadcast(content: string, source?: string): void;
}

/** Events the world emits for observers (the chat layer posts as things happen). */
export type WorldObserverEvent =
  | { kind: 'agent-acted'; step: number; agent: string; actions: Action[]; threadKey?: string }
  | { kind: 'step-finished'; step: number; time: Date; threadKey?: string }
  | { kind: 'intervention-fired'; step: number; intervention: string; threadKey?: string };
