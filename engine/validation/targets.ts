import type { ActingAgent } from '../agent/agent-port.js';
import type { PersonaSpec } from '../agent/persona-spec.js';
import type { WorldView } from '../world/world-port.js';
import { renderWindow } from './text.js';

/** What a proposition, intervention or story can look at: a persona or a whole world. */
export type SimulationTarget = ActingAgent | WorldView;

/** True for a world (it has agents), false for a single persona. */
export function isWorld(target: SimulationTarget): target is WorldView {
  return Array.isArray((target as WorldView).agents) && !('spec' in target);
}

/** The personas behind a target: the agent itself, or every agent of a world. */
export function personasOf(target: SimulationTarget): PersonaSpec[] {
  return isWorld(target) ? target.agents.map((a) => a.spec) : [target.spec];
}

/** Names of the personas behind a target. */
export function agentNamesOf(target: SimulationTarget): string[] {
  return isWorld(target) ? target.agents.map((a) => a.name) : [target.name];
}

/** How a target is introduced to a judge, e.g. `Agent "Lisa"` or `World "Focus group" (agents: Lisa, Oscar)`. */
export function describeTarget(target: SimulationTarget): string {
  return isWorld(target)
    ? `World "${target.name}" (agents: ${agentNamesOf(target).join(', ') || 'none'})`
    : `Agent "${target.name}"`;
}

/**
 * A target's context for an LLM judge: its description, optionally the persona specs, and its
 * trajectory window (first N + last N events).
 */
export function renderTargetContext(
  target: SimulationTarget,
  window: { firstN: number; lastN: number; includePersonas: boolean },
): string {
  const parts = [`### ${describeTarget(target)}`];
  if (window.includePersonas) {
    // A persona given a compact profile (LLM_COMPACT_PROFILE has `judge`) is judged from it instead of the spec.
    for (const agent of isWorld(target) ? target.agents : [target])
      parts.push(
        agent.compactProfile
          ? `Compact profile of ${agent.name}:\n${agent.compactProfile}`
          : `Persona specification of ${agent.spec.name}:\n${JSON.stringify(agent.spec)}`,
      );
  }
  parts.push(
    `Trajectory (first ${window.firstN} and last ${window.lastN} events):\n${renderWindow(target.trajectory(), window.firstN, window.lastN)}`,
  );
  return parts.join('\n\n');
}
