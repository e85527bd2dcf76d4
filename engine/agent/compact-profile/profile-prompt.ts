import { z } from 'zod';
import type { ChatMessage } from '../../llm/port.js';
import type { PersonaSpec } from '../persona-spec.js';
import { renderPersona } from '../prompt/persona.js';

/** The task name of compact-profile writing (served by `LLM_MODEL_SMALL` when set). */
export const PROFILE_TASK = 'persona.profile';

/** What the profile writer returns. */
export const ProfileSchema = z.object({ profile: z.string().min(1) });

const SYSTEM = `You condense the specification of a simulated persona into a compact profile for cheap tasks
(answering polls, being judged). Write 120 to 250 words of plain prose in the third person that keep what most
shapes this person's opinions and answers: age, place, work, education, money situation, family, personality,
beliefs, tastes, habits and speaking style. Use only facts written in the specification: never add a name,
place, number, organisation, brand or event that it does not contain, and never guess. Answer as JSON:
{"profile": "…"}.`;

/** The profile-writing prompt: instructions first (the same for every persona), the persona after. */
export function profileMessages(spec: PersonaSpec): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: renderPersona(spec) },
  ];
}

/** The one repair turn: the facts the checker could not find in the spec. */
export function profileRepairMessages(spec: PersonaSpec, draft: string, invented: readonly string[]): ChatMessage[] {
  return [
    ...profileMessages(spec),
    { role: 'assistant', content: JSON.stringify({ profile: draft }) },
    {
      role: 'user',
      content: `These are not in the specification: ${invented.join(', ')}. Rewrite the profile without them, using only facts the specification states.`,
    },
  ];
}
