import type { OfflineResponders } from '../offline-model.js';
import { offlinePersona } from './offline-persona.js';
import { offlineDimensions, offlinePlan } from './offline-sampling.js';
import { offlineSamplingPlan } from './offline-sampling-plan.js';

/**
 * Offline answers for the factory's tasks: dimensions and plans that follow the description (or the
 * demography document), and rich personas for each combination.
 *
 * @example
 *   const model = new OfflineModel({ responders: factoryOfflineResponders });
 */
export const factoryOfflineResponders: OfflineResponders = {
  'factory.dimensions': (request) => offlineDimensions(request),
  'factory.plan': (request, rng) => offlinePlan(request, rng),
  'factory.sampling': (request, rng) => offlineSamplingPlan(request, rng),
  'factory.persona': (request, rng) => offlinePersona(request, rng),
};
