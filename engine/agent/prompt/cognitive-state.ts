import type { CognitiveState } from '../agent-port.js';
import type { RetrievedMemory } from '../memory/semantic.js';
import { capText } from './memory.js';

/** Everything the cognitive-state section shows. */
export interface CognitiveView {
  state: CognitiveState;
  accessibleAgents: readonly string[];
  retrieved: readonly RetrievedMemory[];
  currentTime?: Date;
  maxEntryChars: number;
}

/**
 * The current cognitive state, really rendered (TinyTroupe's template left this section empty):
 * goals, context, attention, emotions, location, time, who can be reached, and memories
 * retrieved for the latest stimuli.
 */
export function renderCognitiveState(view: CognitiveView): string {
  const { state } = view;
  const lines = ['# Your current state'];
  if (view.currentTime) lines.push(`Date and time: ${view.currentTime.toISOString().slice(0, 16).replace('T', ' ')}`);
  lines.push(`Location: ${state.location || 'not specified'}`);
  lines.push(`Goals: ${state.goals || 'none set yet'}`);
  lines.push(`Context: ${state.context.length ? state.context.join('; ') : 'none'}`);
  lines.push(`Attention: ${state.attention || 'nothing in particular'}`);
  lines.push(`Emotions: ${state.emotions || 'calm'}`);
  lines.push(
    `People you can talk to: ${view.accessibleAgents.length ? view.accessibleAgents.join(', ') : 'nobody in particular'}`,
  );
  if (view.retrieved.length) {
    lines.push('Memories that come to mind:');
    for (const memory of view.retrieved) lines.push(`- ${capText(memory.content, view.maxEntryChars)}`);
  }
  return lines.join('\n');
}
