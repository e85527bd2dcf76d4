import type { CompletionRequest } from '../../engine/llm/port.js';
import { turn } from './scripted-model.js';
import type { ScriptedAnswer } from './scripted-model.js';

/** The last thing the persona's prompt shows it perceived: the last quoted line of the act prompt's last message. */
export function lastHeard(request: CompletionRequest<unknown>): string {
  const text = request.messages.at(-1)?.content ?? '';
  const quoted = [...text.matchAll(/"([^"\n]+)"/g)].map((match) => match[1]);
  return quoted.at(-1) ?? text.split('\n').at(-1) ?? '';
}

/**
 * Scripted answers for a persona's own tasks, plain and predictable so engine tests assert what TinyPerson does
 * (memory, prompts, state, faculties), not what a model writes: `agent.act` answers the last thing heard in one
 * TALK signed with the persona's name — or writes a document when asked to write — then DONE (a function of the
 * request alone, so the order calls return in never changes an answer); `agent.consolidate` keeps one
 * first-person memory per event (at most six).
 *
 * @example
 *   const model = new ScriptedModel(agentScript());
 */
export function agentScript(): Record<string, ScriptedAnswer> {
  return {
    'agent.act': (request) => {
      const heard = lastHeard(request);
      const name = (request.hints?.persona as { name?: string } | undefined)?.name ?? 'I';
      if (/\bwrite\b/i.test(heard))
        return turn([
          { type: 'WRITE_DOCUMENT', content: JSON.stringify({ title: `Memo by ${name}`, content: `About: ${heard}` }) },
          { type: 'DONE' },
        ]);
      return turn([{ type: 'TALK', content: `${name} here: about "${heard}", I have a view.` }, { type: 'DONE' }]);
    },
    'agent.consolidate': (request) => {
      const entries = (request.hints?.entries ?? []) as { content: string }[];
      return { memories: entries.slice(0, 6).map((entry) => `I remember: ${entry.content.slice(0, 80)}`) };
    },
  };
}
