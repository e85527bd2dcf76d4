import { agentOfflineResponders } from './agent/index.js';
import { extractionOfflineResponders } from './extraction/index.js';
import { factoryOfflineResponders } from './factory/index.js';
import type { OfflineResponders } from './offline-model.js';
import { steeringOfflineResponders } from './steering/responders.js';
import { validationOfflineResponders } from './validation/responders.js';

/**
 * Every area's offline responders in one object, for the composition root and tests: the offline
 * model answers each engine task with output that reflects its inputs.
 *
 * @example
 *   const model = new OfflineModel({ responders: allOfflineResponders() });
 */
export function allOfflineResponders(): OfflineResponders {
  const merged: Record<string, OfflineResponders[string]> = {};
  for (const responders of [
    agentOfflineResponders,
    factoryOfflineResponders,
    extractionOfflineResponders,
    steeringOfflineResponders,
    validationOfflineResponders,
  ]) {
    for (const [task, responder] of Object.entries(responders)) {
      // Two areas answering the same task would make offline runs depend on import order.
      if (merged[task] && merged[task] !== responder)
        throw new Error(`offline responder for task ${task} is defined twice`);
      merged[task] = responder;
    }
  }
  return merged;
}
