import { z } from 'zod';
import type { PersonaSpec } from '../agent/persona-spec.js';
import { UserInputError } from '../errors.js';
import { BUILT_IN_DIMENSIONS, categoryOf, parseAgeBand, valueAtPath } from './dimension-values.js';
import { effectiveSampleSize, rake, weightedShares, type RakingOptions } from './raking.js';

const EXAMPLE = '{"age_band": {"18-34": 0.3, "35-54": 0.4, "55+": 0.3}, "gender": {"Female": 0.5, "Male": 0.5}}';

/**
 * Target marginals: for each dimension, the share of each category.
 *
 * @example
 *   { age_band: { '18-34': 0.3, '35-54': 0.4, '55+': 0.3 }, gender: { Female: 0.5, Male: 0.5 } }
 */
export const TargetMarginalsSchema = z.record(
  z.string().min(1),
  z
    .record(z.string().min(1), z.number().min(0))
    .refine((shares) => Object.keys(shares).length > 0, 'a dimension needs at least one category'),
);
export type TargetMarginals = z.infer<typeof TargetMarginalsSchema>;

/** Gap between target and weighted share, per category of one dimension. */
export interface DimensionDeviation {
  dimension: string;
  maxAbsDeviation: number;
  /** Personas with no category on this dimension (left out of its adjustment). */
  unmatched: number;
  categories: { category: string; target: number; weightedShare: number; unweightedShare: number; count: number }[];
}

/** The outcome of aligning a panel. */
export interface AlignmentReport {
  /** Weights by persona index, mean 1. */
  weights: number[];
  /** Weights by persona id, when personas have ids. */
  weightsById: Record<string, number>;
  effectiveSampleSize: number;
  converged: boolean;
  iterations: number;
  deviations: DimensionDeviation[];
  warnings: string[];
}

/** Validates targets (JSON text or object); shares not summing to ~1 are normalised with a warning. */
export function parseTargets(input: unknown): { targets: TargetMarginals; warnings: string[] } {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw new UserInputError('alignment.targets', 'The targets are not valid JSON.', EXAMPLE);
    }
  }
  const parsed = TargetMarginalsSchema.safeParse(value);
  if (!parsed.success)
    throw new UserInputError(
      'alignment.targets',
      `The targets must map dimensions to category shares: ${parsed.error.issues[0]?.message}`,
      EXAMPLE,
    );
  const warnings: string[] = [];
  const targets: TargetMarginals = {};
  for (const [dimension, shares] of Object.entries(parsed.data)) {
    const sum = Object.values(shares).reduce((total, share) => total + share, 0);
    if (sum <= 0) throw new UserInputError('alignment.targets', `The shares of ${dimension} add up to 0.`, EXAMPLE);
    if (Math.abs(sum - 1) > 0.01)
      warnings.push(`The shares of ${dimension} added up to ${Math.round(sum * 1000) / 1000}; normalised to 1.`);
    targets[dimension] = Object.fromEntries(Object.entries(shares).map(([category, share]) => [category, share / sum]));
  }
  return { targets, warnings };
}

function checkDimension(dimension: string, categories: string[], specs: PersonaSpec[]): void {
  if ((BUILT_IN_DIMENSIONS as readonly string[]).includes(dimension)) {
    const bad = dimension === 'age_band' ? categories.filter((label) => !parseAgeBand(label)) : [];
    if (bad.length)
      throw new UserInputError(
        'alignment.age_band',
        `Age bands must look like "18-34", "55+" or "under 18" (got ${bad.join(', ')}).`,
        EXAMPLE,
      );
    return;
  }
  if (specs.some((spec) => valueAtPath(spec, dimension) !== undefined)) return;
  throw new UserInputError(
    'alignment.dimension',
    `Unknown dimension "${dimension}": use one of ${BUILT_IN_DIMENSIONS.join(', ')} or a persona field path such as occupation.title.`,
    EXAMPLE,
  );
}

/**
 * Importance weights that make the panel's weighted distribution match the targets (raking).
 *
 * @example
 *   const report = alignPanel(personas, { gender: { Female: 0.5, Male: 0.5 } });
 *   report.weights; report.effectiveSampleSize; report.deviations;
 */
export function alignPanel(
  personas: { id?: string; spec: PersonaSpec }[],
  targetsInput: unknown,
  options: RakingOptions = {},
): AlignmentReport {
  const { targets, warnings } = parseTargets(targetsInput);
  const specs = personas.map((persona) => persona.spec);
  const dimensions = Object.entries(targets).map(([dimension, shares]) => {
    const categories = Object.keys(shares);
    checkDimension(dimension, categories, specs);
    const membership = specs.map((spec) => {
      const category = categoryOf(spec, dimension, categories);
      return category === undefined ? -1 : categories.indexOf(category);
    });
    const counts = categories.map((_, index) => membership.filter((member) => member === index).length);
    const empty = categories.filter((category, index) => counts[index] === 0 && shares[category] > 0);
    for (const category of empty)
      warnings.push(
        `No panel member falls into ${dimension} "${category}" (target ${Math.round(shares[category] * 100)}%); it cannot be matched.`,
      );
    const unmatched = membership.filter((member) => member < 0).length;
    if (unmatched)
      warnings.push(
        `${unmatched} persona(s) have no ${dimension} among the target categories; they keep their weight on it.`,
      );
    // Raking can only reach categories that have members: spread the rest over those.
    const reachable = categories.reduce((sum, category, index) => sum + (counts[index] ? shares[category] : 0), 0);
    if (reachable === 0 && specs.length > unmatched) {
      throw new UserInputError(
        'align.unreachable',
        `Every panel member falls in a ${dimension} category whose target share is 0, so no weighting can match the targets. Give those categories a share, or create the panel with people the targets include.`,
        `--align '{"gender": {"female": 0.5, "male": 0.5}}'`,
      );
    }
    const rakingTargets = categories.map((category, index) =>
      counts[index] && reachable > 0 ? shares[category] / reachable : 0,
    );
    return { dimension, categories, shares, membership, counts, unmatched, rakingTargets };
  });
  const result = rake(
    specs.length,
    dimensions.map((d) => ({ membership: d.membership, targets: d.rakingTargets })),
    options,
  );
  if (!result.converged)
    warnings.push(`Raking stopped after ${result.iterations} passes with a gap of ${result.maxDeviation.toFixed(4)}.`);
  const uniform = new Array<number>(specs.length).fill(1);
  const deviations: DimensionDeviation[] = dimensions.map((d) => {
    const weighted = weightedShares(result.weights, { membership: d.membership, targets: d.rakingTargets });
    const unweighted = weightedShares(uniform, { membership: d.membership, targets: d.rakingTargets });
    const categories = d.categories.map((category, index) => ({
      category,
      target: d.shares[category],
      weightedShare: weighted[index],
      unweightedShare: unweighted[index],
      count: d.counts[index],
    }));
    return {
      dimension: d.dimension,
      unmatched: d.unmatched,
      categories,
      maxAbsDeviation: Math.max(...categories.map((c) => Math.abs(c.weightedShare - c.target))),
    };
  });
  const weightsById: Record<string, number> = {};
  for (const [index, persona] of personas.entries()) {
    if (persona.id !== undefined) weightsById[persona.id] = result.weights[index];
  }
  return {
    weights: result.weights,
    weightsById,
    effectiveSampleSize: effectiveSampleSize(result.weights),
    converged: result.converged,
    iterations: result.iterations,
    deviations,
    warnings,
  };
}
