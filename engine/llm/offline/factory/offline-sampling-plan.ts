import type { CompletionRequest } from '../../port.js';
import type { SeededRandom } from '../../../util/random.js';
import { normalizeDimensions } from '../../../factory/plan.js';
import type { SamplingOutput } from '../../../factory/schemas.js';
import { offlineDimensions, offlinePlan } from './offline-sampling.js';

/**
 * Offline `factory.sampling` (dimensions and plan in one answer): the same dimensions the
 * two-call path would get, then a plan over them, as one model would answer both at once.
 */
export function offlineSamplingPlan(request: CompletionRequest<unknown>, rng: SeededRandom): SamplingOutput {
  const { dimensions } = offlineDimensions(request);
  const hints = { ...request.hints, dimensions: normalizeDimensions({ dimensions }) };
  return { dimensions, plan: offlinePlan({ ...request, hints }, rng).plan };
}
