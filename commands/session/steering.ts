import { Intervention } from '../../engine/steering/index.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
import type { WorldView } from '../../engine/world/world-port.js';
import { listStoredInterventions, type InterventionLoader } from './interventions.js';

/**
 * Turns a channel's stored `/intervene` rules into world interventions for one job: an LLM judge
 * checks the condition over the conversation at the start of each step, and when it holds every
 * persona gets the thought. A cooldown keeps a rule from firing at every step.
 */
export function loadInterventions(deps: { store: Store; model: LanguageModel }): InterventionLoader {
  return async (conversation, world: WorldView, attribution) => {
    const rules = await listStoredInterventions(deps.store, conversation);
    return rules.map(
      (rule) =>
        new Intervention(world, {
          name: `intervene ${rule.id}`,
          textualPrecondition: rule.condition,
          model: deps.model,
          propositionOptions: { attribution },
          cooldownSteps: 2,
          effect: (_targets, context) => {
            for (const agent of context.world.agents) agent.think(rule.thought);
          },
        }),
    );
  };
}
