import type { CallAttribution, ChatMessage, LanguageModel, Usage } from '../llm/port.js';
import type { WorldEvent } from './events.js';
import type { CognitiveState } from './agent-port.js';
import { ActTurnSchema, AGENT_TASKS, type ActTurn, actTurnSchemaFor } from './act-schema.js';
import type { PersonaSpec } from './persona-spec.js';
import { personaCacheKey } from '../llm/prompt-prefix.js';

/** What the offline model needs to answer a turn in character (never sent to a provider). */
export interface TurnHints {
  persona: PersonaSpec;
  stimuli: Pick<WorldEvent, 'type' | 'content' | 'counterpart'>[];
  cognitiveState: CognitiveState;
  memories: string[];
  accessibleAgents: string[];
  actionTypes: string[];
  recentActions: string[];
  feedback?: string;
}

/**
 * One structured act call. A regeneration after a rejected review is metered under its own task
 * (`correction.regenerate`), so correction's cost is visible apart from ordinary turns.
 */
export async function requestTurn(
  model: LanguageModel,
  request: {
    messages: ChatMessage[];
    hints: TurnHints;
    regenerating: boolean;
    temperature: number;
    signal?: AbortSignal;
    attribution?: CallAttribution;
  },
): Promise<{ value: ActTurn; usage: Usage }> {
  const { hints } = request;
  const result = await model.complete({
    task: request.regenerating ? AGENT_TASKS.regenerate : AGENT_TASKS.act,
    schema: ActTurnSchema,
    providerSchema: actTurnSchemaFor(hints.actionTypes),
    messages: request.messages,
    // Turns and regenerations of one persona share the act prompt's prefix.
    promptCacheKey: personaCacheKey(AGENT_TASKS.act, hints.persona.name),
    temperature: request.temperature,
    signal: request.signal,
    attribution: request.attribution,
    hints: {
      ...hints,
      stimuli: hints.stimuli.map(({ type, content, counterpart }) => ({ type, content, source: counterpart })),
    },
  });
  return { value: result.value, usage: result.usage };
}
