import type { PersonaSpec } from '../../agent/persona-spec.js';
import type { ChatMessage } from '../../llm/port.js';

/** A panel member as the poll sees it. */
export interface PollPersona {
  id: string;
  name: string;
  spec: PersonaSpec;
  /** What this persona has heard in the channel so far, condensed. */
  memorySummary?: string;
  /** The persona's compact profile (`engine/agent/compact-profile/`), read instead of the spec with `compactProfile`. */
  profile?: string;
}

/**
 * The system message every poll prompt starts with: the persona (stable per persona, for prompt caching) — its
 * compact profile when `compact` and it has one, else its full spec.
 */
export function personaSystemMessage(persona: PollPersona, compact = false): ChatMessage {
  const who =
    compact && persona.profile
      ? `Your persona (a compact profile):\n${persona.profile}`
      : `Your persona:\n${JSON.stringify(persona.spec)}`;
  return {
    role: 'system',
    content: `You are ${persona.name}, a simulated persona on a synthetic research panel. Answer as this person would: from their age, background, job, tastes, beliefs and style, not as an assistant. Be candid; disagreeing, disliking or being unsure is fine.\n\n${who}`,
  };
}
