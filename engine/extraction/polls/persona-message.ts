import type { PersonaSpec } from '../../agent/persona-spec.js';
import type { ChatMessage } from '../../llm/port.js';

/** A panel member as the poll sees it. */
export interface PollPersona {
  id: string;
  name: string;
  spec: PersonaSpec;
  /** What this persona has heard in the channel so far, condensed. */
  memorySummary?: string;
}

/** The system message every poll prompt starts with: the persona (stable per persona, for prompt caching). */
export function personaSystemMessage(persona: PollPersona): ChatMessage {
  return {
    role: 'system',
    content: `You are ${persona.name}, a simulated persona on a synthetic research panel. Answer as this person would: from their age, background, job, tastes, beliefs and style, not as an assistant. Be candid; disagreeing, disliking or being unsure is fine.\n\nYour persona:\n${JSON.stringify(persona.spec)}`,
  };
}
