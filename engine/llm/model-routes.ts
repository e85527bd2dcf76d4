import type { LanguageModel, ModelRoutes } from './port.js';

/**
 * The tasks a small model serves when one is configured: judges (action correction, proposition and
 * intervention checks), memory consolidation, extraction chunks and compact-profile writing. The personas'
 * own turns, polls answers, validation interviews and final summaries stay on the main model.
 */
export const SMALL_MODEL_TASKS: readonly string[] = Object.freeze([
  'correction.score',
  'correction.check',
  'proposition.',
  'intervention.',
  'agent.consolidate',
  'extraction.map',
  'extraction.normalize',
  'extraction.enrich',
  'persona.profile',
]);

/** True when `task` is one of `tasks` (exact names, or prefixes ending in `.`). */
export function matchesTask(task: string, tasks: readonly string[]): boolean {
  return tasks.some((entry) => (entry.endsWith('.') ? task.startsWith(entry) : task === entry));
}

/**
 * The name of the model that serves `task`.
 *
 * @example modelForTask(model, 'agent.consolidate') // 'gpt-4.1-nano' with LLM_MODEL_SMALL=gpt-4.1-nano
 */
export function modelForTask(model: Pick<LanguageModel, 'name' | 'routes'>, task: string): string {
  const routes = model.routes;
  if (!routes) return model.name;
  return matchesTask(task, routes.smallTasks) ? routes.small : routes.answers;
}

/**
 * The models behind a result, for provenance labels: one name when there is one model, both roles with routing.
 *
 * @example modelLabel(model) // 'answers: gpt-4.1-mini; judge: gpt-4.1-nano' (or 'gpt-4.1-mini' without routing)
 */
export function modelLabel(model: Pick<LanguageModel, 'name' | 'routes'>): string {
  const routes = model.routes;
  if (!routes || routes.small === routes.answers) return model.name;
  return `answers: ${routes.answers}; judge: ${routes.small}`;
}

/** The routes as data, for exports and job notes. */
export function describeRoutes(routes: ModelRoutes | undefined): string {
  return routes ? `${routes.answers} (answers), ${routes.small} (judges, consolidation, extraction chunks)` : '';
}
