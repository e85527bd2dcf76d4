import type { CallAttribution, LanguageModel } from '../llm/port.js';
import { normalizeDimensions, normalizePlan } from './plan.js';
import { dimensionsMessages, planMessages, type PopulationBrief } from './prompts.js';
import { DimensionsOutputSchema, PlanOutputSchema, type Demography } from './schemas.js';
import type { SamplingDimension, Subpopulation } from './types.js';

/** Everything the planning calls need. */
export interface PlanningInput {
  model: LanguageModel;
  brief: PopulationBrief;
  demography?: Demography;
  count: number;
  seed: number;
  temperature?: number;
  signal?: AbortSignal;
  attribution?: CallAttribution;
}

/**
 * Phases 1–2: the sampling dimensions, then the sampling plan. Two calls rather than one: the plan
 * is drawn over dimensions the model has already committed to, which keeps large plans coherent,
 * and it still leaves the whole panel at N + 2 calls and three round trips. A plan whose quantities
 * do not add up is fixed in code (largest remainder) instead of asking again, so the bound holds.
 */
export async function planPopulation(
  input: PlanningInput,
): Promise<{ dimensions: SamplingDimension[]; plan: Subpopulation[]; warnings: string[] }> {
  const { model, brief, count } = input;
  const common = { temperature: input.temperature, signal: input.signal, attribution: input.attribution };
  const dimensionsResult = await model.complete({
    ...common,
    task: 'factory.dimensions',
    messages: dimensionsMessages(brief),
    schema: DimensionsOutputSchema,
    hints: {
      description: brief.description,
      demography: input.demography,
      context: brief.context,
      requirements: brief.requirements,
      count,
      seed: input.seed,
    },
  });
  const dimensions = normalizeDimensions(dimensionsResult.value);
  const planResult = await model.complete({
    ...common,
    task: 'factory.plan',
    messages: planMessages(brief, dimensions, count),
    schema: PlanOutputSchema,
    hints: { description: brief.description, dimensions, count, requirements: brief.requirements, seed: input.seed },
  });
  const { plan, warnings } = normalizePlan(planResult.value, count);
  return { dimensions, plan, warnings };
}
