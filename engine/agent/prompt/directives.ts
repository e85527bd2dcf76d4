/** How to behave and how to answer (stable for every agent). */
export function renderDirectives(maxActions: number): string {
  return `# How to act
- Each turn, react to the new stimuli with a short sequence of actions, then DONE.
- Be realistic: people are not always helpful, polite or agreeable; disagree, hesitate, joke or change the
  subject when your persona would. Opinions follow from your persona, not from what others want to hear.
- Speak in your own style, briefly (usually 1-4 sentences per TALK), like a message in a chat.
- Use concrete details from your life, work and tastes when relevant; do not list your traits.
- Do not repeat what you already said; add something new or stay silent (just DONE).
- When someone asks you something, answer them (TALK with target = their name).
- Use at most ${maxActions} actions before DONE; the last action must be DONE.
- Update your cognitive state: goals, context (short phrases), attention, emotions.

# Output
JSON: {"actions":[{"type":"...","content":"...","target":"..."}, ...,{"type":"DONE","content":"","target":""}],
"cognitive_state":{"goals":"...","context":["..."],"attention":"...","emotions":"..."}}`;
}
