import type { DimensionsOutput, PlanOutput } from './schemas.js';
import type { SamplingDimension, Subpopulation } from './types.js';

/** The model's dimensions as plain data (maps instead of pair lists, empty parts dropped). */
export function normalizeDimensions(output: DimensionsOutput): SamplingDimension[] {
  return output.dimensions.map((dimension) => {
    const result: SamplingDimension = { name: dimension.name, description: dimension.description };
    if (dimension.distribution.length) {
      result.distribution = Object.fromEntries(dimension.distribution.map((entry) => [entry.value, entry.proportion]));
    } else if (dimension.range) {
      result.range = [
        Math.min(dimension.range.min, dimension.range.max),
        Math.max(dimension.range.min, dimension.range.max),
      ];
    } else {
      result.values = dimension.values;
    }
    return result;
  });
}

/**
 * Scales integer quantities to sum exactly to `total` with the largest-remainder method, never
 * below 0. Used when the model's plan does not add up (they often don't).
 *
 * @example
 *   rescaleQuantities([5, 5, 7], 20); // [6, 6, 8]
 */
export function rescaleQuantities(quantities: number[], total: number): number[] {
  const clean = quantities.map((quantity) => (Number.isFinite(quantity) && quantity > 0 ? quantity : 0));
  const sum = clean.reduce((a, b) => a + b, 0);
  const base = sum > 0 ? clean : clean.map(() => 1);
  const baseSum = sum > 0 ? sum : base.length;
  const exact = base.map((quantity) => (quantity * total) / baseSum);
  const floors = exact.map(Math.floor);
  let missing = total - floors.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (let i = 0; missing > 0; i = (i + 1) % order.length, missing--) floors[order[i].index] += 1;
  return floors;
}

/** The model's plan as data, with quantities fixed to sum to `count`; warnings say what was fixed. */
export function normalizePlan(output: PlanOutput, count: number): { plan: Subpopulation[]; warnings: string[] } {
  const warnings: string[] = [];
  const rows = output.plan.map((row) => ({
    subpopulation_description: row.subpopulation_description,
    sampled_values: Object.fromEntries(row.sampled_values.map((entry) => [entry.dimension, entry.value])),
    quantity: row.quantity,
  }));
  const sum = rows.reduce((total, row) => total + Math.max(0, row.quantity), 0);
  const negative = rows.some((row) => row.quantity < 0);
  if (sum !== count || negative) {
    const fixed = rescaleQuantities(
      rows.map((row) => row.quantity),
      count,
    );
    for (const [index, row] of rows.entries()) row.quantity = fixed[index];
    warnings.push(`The sampling plan's quantities summed to ${sum}; rescaled to ${count}.`);
  }
  return { plan: rows.filter((row) => row.quantity > 0), warnings };
}
