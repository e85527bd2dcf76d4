import { SeededRandom, hashString } from '../util/random.js';
import type { SamplingDimension, Subpopulation } from './types.js';

/** One person's slot before a name is settled. */
export interface Draw {
  subpopulation_description: string;
  sampled_values: Record<string, string>;
}

const NUMERIC_RANGE = /^\s*(\d+(?:\.\d+)?)\s*[-–]\s*(\d+(?:\.\d+)?)\s*$/;

/**
 * Resolves a sampled value for one person: a numeric range ("30-39") of a range dimension becomes
 * one number, so people of the same sub-population still differ.
 */
function resolveValue(value: string, dimension: SamplingDimension | undefined, rng: SeededRandom): string {
  const match = dimension?.range ? NUMERIC_RANGE.exec(value) : null;
  if (!match) return value;
  return String(rng.int(Math.round(Number(match[1])), Math.round(Number(match[2]))));
}

/** One draw of a sub-population, values resolved with the given random source. */
export function drawFrom(row: Subpopulation, dimensions: SamplingDimension[], rng: SeededRandom): Draw {
  const byName = new Map(dimensions.map((dimension) => [dimension.name, dimension]));
  const values = Object.fromEntries(
    Object.entries(row.sampled_values).map(([key, value]) => [key, resolveValue(value, byName.get(key), rng)]),
  );
  return { subpopulation_description: row.subpopulation_description, sampled_values: values };
}

/**
 * The plan as one draw per person, shuffled with the seed (TinyTroupe's flatten step, in code).
 *
 * @example
 *   flattenPlan([{ subpopulation_description: 'young', sampled_values: { age: '20-29' }, quantity: 2 }], dims, 1);
 */
export function flattenPlan(plan: Subpopulation[], dimensions: SamplingDimension[], seed: number): Draw[] {
  const rng = new SeededRandom(hashString(`${seed}|flatten`));
  const draws = plan.flatMap((row) => Array.from({ length: row.quantity }, () => drawFrom(row, dimensions, rng)));
  return rng.shuffle(draws);
}

/** A fresh draw from the plan, picked in proportion to the quantities (for replacing a failed person). */
export function replacementDraw(plan: Subpopulation[], dimensions: SamplingDimension[], rng: SeededRandom): Draw {
  const total = plan.reduce((sum, row) => sum + row.quantity, 0);
  let ticket = rng.next() * total;
  const row =
    plan.find((candidate) => {
      ticket -= candidate.quantity;
      return ticket < 0;
    }) ?? plan[plan.length - 1];
  return drawFrom(row, dimensions, rng);
}
