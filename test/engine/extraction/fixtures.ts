import type { WorldEvent } from '../../../engine/agent/events.js';

export const SPEAKERS = ['Lisa Carter', 'Oscar Ramirez', 'Maya Chen', 'Tom Becker'];

/** What each persona says, turn by turn (a focus group about a meal-kit subscription). */
const LINES: [string, string][] = [
  [
    'Lisa Carter',
    'I like the idea of fresh ingredients delivered weekly. The price worries me though, twelve dollars a meal is a lot.',
  ],
  ['Oscar Ramirez', 'I agree the price is high. But I would pay more if the recipes were quick, under twenty minutes.'],
  [
    'Maya Chen',
    'Honestly the packaging waste is my biggest concern. We could offer reusable boxes that the courier collects.',
  ],
  [
    'Tom Becker',
    'What if families could pause deliveries when they travel? That flexibility matters more to me than the price.',
  ],
  ['Lisa Carter', 'Reusable boxes would surprise me in a good way. I did not expect a meal kit to care about waste.'],
  [
    'Oscar Ramirez',
    'The pause option is a good point. I disagree that price does not matter, though; it decides everything for students.',
  ],
  ['Maya Chen', 'I agree with Tom about pausing. You should also let people skip ingredients they dislike.'],
  ['Tom Becker', 'Skipping ingredients is smart. My kids hate mushrooms, so that would keep them eating.'],
];

/**
 * A world-style transcript: the facilitator's question, then each TALK as an action plus its
 * delivery to every other persona as a CONVERSATION stimulus, then DONE, with seq and thread.
 */
export function focusGroupEvents(rounds = 1, threadKey = 't1'): WorldEvent[] {
  const events: WorldEvent[] = [];
  let seq = 1;
  const push = (event: Omit<WorldEvent, 'seq' | 'threadKey' | 'simTime'>) =>
    events.push({ ...event, seq, threadKey, simTime: new Date(Date.UTC(2025, 0, 1, 10, 0, seq++)).toISOString() });
  for (const speaker of SPEAKERS)
    push({
      agent: speaker,
      kind: 'stimulus',
      type: 'CONVERSATION',
      content: 'What do you think of a weekly meal-kit subscription?',
      counterpart: 'facilitator',
    });
  for (let round = 0; round < rounds; round++) {
    for (const [speaker, text] of LINES) {
      const content = rounds > 1 ? `${text} (round ${round + 1})` : text;
      push({ agent: speaker, kind: 'action', type: 'TALK', content });
      for (const listener of SPEAKERS.filter((name) => name !== speaker))
        push({ agent: listener, kind: 'stimulus', type: 'CONVERSATION', content, counterpart: speaker });
      push({ agent: speaker, kind: 'action', type: 'DONE', content: '' });
    }
  }
  return events;
}

/** Every TALK content in the transcript, by speaker. */
export function talksBy(events: readonly WorldEvent[]): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const event of events)
    if (event.kind === 'action' && event.type === 'TALK')
      result.set(event.agent, [...(result.get(event.agent) ?? []), event.content]);
  return result;
}

/** Normalised substring check used by the assertions (same rule as the verifier, written independently). */
export function saidBy(events: readonly WorldEvent[], persona: string, quote: string): boolean {
  const norm = (text: string) =>
    text
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase()
      .replace(/^["'.\s]+|["'.\s]+$/g, '');
  return (talksBy(events).get(persona) ?? []).some((said) => norm(said).includes(norm(quote)));
}
