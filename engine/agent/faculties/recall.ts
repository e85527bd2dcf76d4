import type { Action } from '../events.js';
import { capText } from '../prompt/memory.js';
import type { Faculty, FacultyHost, FacultyResult } from './faculty.js';

/**
 * RECALL <query>: looks up semantic and episodic memories; what comes back is perceived as a
 * thought on the next turn.
 *
 * @example
 *   new TinyPerson({ spec, model, faculties: [new RecallFaculty({ limit: 5 })] });
 */
export class RecallFaculty implements Faculty {
  readonly name = 'recall';
  readonly actions = [
    { type: 'RECALL', description: 'search your memory; content = what to remember (keywords or a question)' },
  ];
  readonly constraints = [
    'Use RECALL before answering about something from long ago that you do not see in your memory section.',
  ];
  readonly limit: number;

  constructor(options: { limit?: number } = {}) {
    this.limit = options.limit ?? 5;
  }

  async execute(action: Action, agent: FacultyHost, signal?: AbortSignal): Promise<FacultyResult> {
    const memories = await agent.recall(action.content, this.limit, signal);
    const content = memories.length
      ? `Recalling "${action.content}", I remember: ${memories.map((memory) => capText(memory.content, 300)).join(' | ')}`
      : `I try to recall "${action.content}" but nothing comes to mind.`;
    return { stimuli: [{ type: 'THOUGHT', content, source: 'recall' }] };
  }

  toState(): Record<string, unknown> {
    return { limit: this.limit };
  }

  static fromState(state: Record<string, unknown>): RecallFaculty {
    return new RecallFaculty({ limit: typeof state.limit === 'number' ? state.limit : undefined });
  }
}
