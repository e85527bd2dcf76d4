import type { Action } from './events.js';
import { wordJaccard } from './similarity.js';

/** Above this word-level Jaccard similarity an action repeats the previous one. */
export const REPETITION_THRESHOLD = 0.85;

/** The key an action is compared under by the repetition guard. */
export function repetitionKey(action: Pick<Action, 'type' | 'target'>): string {
  return `${action.type}|${action.target.trim().toLowerCase()}`;
}

/** A turn ready to commit, and the warnings it produced. */
export interface NormalizedTurn {
  /** Actions to commit in order, DONE excluded. */
  actions: Action[];
  /** Messages for the agent's memory (dropped unknown actions, repetitions, cap). */
  warnings: string[];
  /** Why the turn ended. */
  end: 'done' | 'cap' | 'repetition';
}

/** Action types whose repetition is merely skipped: a recycled thought should not swallow the answer after it. */
const SKIPPED_WHEN_REPEATED: ReadonlySet<string> = new Set(['THINK']);

/**
 * Cleans the model's action list: upper-cases types, drops unknown types (with a warning), stops
 * at DONE, caps at `maxActions`, and guards against repetition (with a warning): an action too
 * similar to the previous one of the same type and target ends the turn, except a repeated THINK,
 * which is skipped so the TALK that follows it still happens.
 *
 * @example
 *   normalizeTurn([{ type: 'talk', content: 'Hi', target: '' }], new Set(['TALK', 'DONE']), 15, new Map());
 */
export function normalizeTurn(
  raw: readonly Action[],
  knownTypes: ReadonlySet<string>,
  maxActions: number,
  previous: ReadonlyMap<string, string>,
): NormalizedTurn {
  const actions: Action[] = [];
  const warnings: string[] = [];
  const last = new Map(previous);
  for (const candidate of raw) {
    const action: Action = {
      type: candidate.type.trim().toUpperCase(),
      content: candidate.content.trim(),
      target: candidate.target.trim(),
    };
    if (action.type === 'DONE') return { actions, warnings, end: 'done' };
    if (!knownTypes.has(action.type)) {
      warnings.push(`I tried an action I cannot take (${action.type}); I can only use: ${[...knownTypes].join(', ')}.`);
      continue;
    }
    if (actions.length >= maxActions) {
      warnings.push(`I tried to do more than ${maxActions} things in one turn; I should be briefer.`);
      return { actions, warnings, end: 'cap' };
    }
    const key = repetitionKey(action);
    const before = last.get(key);
    if (before !== undefined && wordJaccard(before, action.content) > REPETITION_THRESHOLD) {
      warnings.push(
        `I was about to repeat myself (${action.type}: "${action.content.slice(0, 80)}"); I should say something new or stay quiet.`,
      );
      if (SKIPPED_WHEN_REPEATED.has(action.type)) continue;
      return { actions, warnings, end: 'repetition' };
    }
    last.set(key, action.content);
    actions.push(action);
  }
  return { actions, warnings, end: 'done' };
}

/** The actions rendered for a correction prompt or a log. */
export function describeActions(actions: readonly Action[]): string {
  if (actions.length === 0) return '(no actions, only DONE)';
  return actions
    .map((action) => `${action.type}${action.target ? ` -> ${action.target}` : ''}: ${action.content}`)
    .join('\n');
}
