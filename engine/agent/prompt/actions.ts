/** An action the agent may take, with its meaning. */
export interface ActionDescription {
  type: string;
  description: string;
}

/** The built-in actions (TinyTroupe's core set). */
export const CORE_ACTIONS: readonly ActionDescription[] = [
  { type: 'TALK', description: 'say something; target = who you address (empty = everyone present)' },
  { type: 'THINK', description: 'think privately; others do not see it' },
  { type: 'REACH_OUT', description: 'ask to get in touch with someone; target = their name' },
  { type: 'DONE', description: 'end your turn (always last)' },
];

/** The actions section: core actions, then faculties' actions and constraints. */
export function renderActions(actions: readonly ActionDescription[], constraints: readonly string[]): string {
  const lines = ['# Actions you can take', ...actions.map((action) => `- ${action.type}: ${action.description}`)];
  if (constraints.length) lines.push('', '# Constraints', ...constraints.map((constraint) => `- ${constraint}`));
  return lines.join('\n');
}
