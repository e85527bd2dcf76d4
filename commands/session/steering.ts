import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
import type { InterventionLoader } from './interventions.js';

/**
 * Turns a channel's stored `/intervene` rules into world interventions for one job.
 * Wired to `engine/steering` once it lands; until then no rule is applied.
 */
export function loadInterventions(_deps: { store: Store; model: LanguageModel }): InterventionLoader {
  return async () => [];
}
