import type { CallAttribution, LanguageModel } from '../llm/port.js';
import { normalizeDimensions, normalizePlan } from './plan.js';
import { dimensionsMessages, planMessages, samplingMessages, type PopulationBrief } from './prompts.js';
import {
  DimensionsOutputSchema,
  PlanOutputSchema,
  SamplingOutputSchema,
  planSchemaFor,
  type Demography,
} from './schemas.js';
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
  /** `combined`: dimensions and plan in one call; `separate`: two calls (see `CreateOptions.planning`). */
  planning?: 'combined' | 'separate';
}

/**
 * Phases 1–2: the sampling dimensions and the sampling plan. By default one structured call
 * returns both (dimensions first, then a plan over them), so a panel takes N + 1 calls and two
 * round trips. With a demography document, or when asked (`--align` targets), two calls: the plan
 * is then drawn over dimensions the model has already committed to, which keeps a long document's
 * distributions coherent (N + 2 calls, three round trips). A plan whose quantities do not add up
 * is fixed in code (largest remainder) instead of asking again, so the bounds hold.
 */
export async function planPopulation(
  input: PlanningInput,
): Promise<{ dimensions: SamplingDimension[]; plan: Subpopulation[]; warnings: string[] }> {
  const { model, brief, count } = input;
  const common = { temperature: input.temperature, signal: input.signal, attribution: input.attribution };
  if ((input.planning ?? (input.demography ? 'separate' : 'combined')) === 'combined') {
    const result = await model.complete({
      ...common,
      task: 'factory.sampling',
      messages: samplingMessages(brief, count),
      schema: SamplingOutputSchema,
      hints: {
        description: brief.description,
        context: brief.context,
        requirements: brief.requirements,
        count,
        seed: input.seed,
      },
    });
    const dimensions = normalizeDimensions({ dimensions: result.value.dimensions });
    const { plan, warnings } = normalizePlan({ plan: result.value.plan }, count);
    return { dimensions, plan, warnings };
  }
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
    providerSchema: planSchemaFor(dimensions.map((dimension) => dimension.name)),
    hints: { description: brief.description, dimensions, count, requirements: brief.requirements, seed: input.seed },
  });
  const { plan, warnings } = normalizePlan(planResult.value, count);
  return { dimensions, plan, warnings };
}
