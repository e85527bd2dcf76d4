import type { ChatMessage } from '../llm/port.js';

const STORY_SYSTEM = `You are a storyteller who drives a simulation of people forward. Your text is shown to the simulated
people as what happens next, so write concrete events and situations in plain prose (no lists, no headings), in
the third person, consistent with the story so far and with the current state of the simulation. Do not decide
what the people say or think: create situations they will react to.`;

/** The pieces a story prompt is built from. */
export interface StoryPromptInput {
  purpose: string;
  context: string;
  state: string;
  storySoFar: readonly string[];
  instruction: string;
}

/** Messages for starting or continuing a story: stable instructions first, the changing state and request last. */
export function renderStoryMessages(input: StoryPromptInput): ChatMessage[] {
  const story = input.storySoFar.length ? input.storySoFar.join('\n\n') : '(the story has not started yet)';
  return [
    { role: 'system', content: STORY_SYSTEM },
    {
      role: 'user',
      content: `## Purpose of the story\n\n${input.purpose}\n\n## Context\n\n${input.context || '(none given)'}\n\n## Story so far\n\n${story}\n\n## Current state of the simulation\n\n${input.state}\n\n## Your task\n\n${input.instruction}`,
    },
  ];
}
