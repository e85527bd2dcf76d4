import type { ChatMessage } from '../../llm/port.js';
import type { PersonaSpec } from '../persona-spec.js';
import { renderActions, type ActionDescription } from './actions.js';
import { renderCognitiveState, type CognitiveView } from './cognitive-state.js';
import { renderDirectives } from './directives.js';
import { renderIntroduction } from './introduction.js';
import { renderPersona } from './persona.js';
import { renderMemory, renderStimuli, type MemoryView } from './memory.js';
import type { WorldEvent } from '../events.js';

/** Inputs of the act prompt. */
export interface ActPromptInput {
  spec: PersonaSpec;
  actions: readonly ActionDescription[];
  constraints: readonly string[];
  maxActions: number;
  cognitive: CognitiveView;
  memory: MemoryView;
  stimuli: readonly WorldEvent[];
  /** Feedback from a rejected attempt (action correction), if regenerating. */
  feedback?: { previous: string; feedback: string };
}

/**
 * The act prompt, ordered for providers' prompt caching: a system message that is stable for the agent
 * (role, directives, actions, persona), then one user message whose start changes least (the memory:
 * episodic events oldest first, append-only until the window fills, then consolidated memories), then what
 * changes every turn (the cognitive state with its date and time, the new stimuli, the request). Nothing
 * volatile (clock, counters, ids) comes before the memory.
 */
export function buildActMessages(input: ActPromptInput): ChatMessage[] {
  const system = [
    renderIntroduction(input.spec),
    renderDirectives(input.maxActions),
    renderActions(input.actions, input.constraints),
    renderPersona(input.spec),
  ].join('\n\n');
  const user = [
    renderMemory(input.memory),
    renderCognitiveState(input.cognitive),
    renderStimuli(input.spec.name, input.stimuli, input.memory.maxEntryChars),
  ];
  if (input.feedback) {
    user.push(
      `# Revise your turn\nYour previous attempt was:\n${input.feedback.previous}\nIt was rejected because: ${input.feedback.feedback}\nProduce a better turn that fixes this.`,
    );
  }
  user.push(`Now take your turn as ${input.spec.name}.`);
  return [
    { role: 'system', content: system },
    { role: 'user', content: user.join('\n\n') },
  ];
}
