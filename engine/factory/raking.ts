/**
 * Raking (iterative proportional fitting): scales unit weights until the weighted share of every
 * category matches its target, one dimension after another, until the largest gap is below the
 * tolerance. Units without a category on a dimension keep their weight for that dimension.
 */

export interface RakingOptions {
  /** Stop when every |weighted share − target| is below this (default 1e-6). */
  tolerance?: number;
  /** Give up after this many full passes (default 200). */
  maxIterations?: number;
  /** Clamp weights to [min, max] × the mean weight after each pass (e.g. {min: 0.2, max: 5}). */
  trim?: { min?: number; max?: number };
}

/** One dimension: each unit's category index (or -1) and the target share of each category. */
export interface RakingDimension {
  membership: number[];
  targets: number[];
}

export interface RakingResult {
  /** Weights with mean 1 (they sum to the number of units). */
  weights: number[];
  iterations: number;
  converged: boolean;
  maxDeviation: number;
}

/** Total weight per category, and of all units that have a category. */
function categoryTotals(weights: number[], dimension: RakingDimension): { totals: number[]; matched: number } {
  const totals = dimension.targets.map(() => 0);
  let matched = 0;
  dimension.membership.forEach((category, unit) => {
    if (category < 0) return;
    totals[category] += weights[unit];
    matched += weights[unit];
  });
  return { totals, matched };
}

/** Weighted share of each category among the units that have one. */
export function weightedShares(weights: number[], dimension: RakingDimension): number[] {
  const { totals, matched } = categoryTotals(weights, dimension);
  return totals.map((total) => (matched > 0 ? total / matched : 0));
}

function maxGap(weights: number[], dimensions: RakingDimension[]): number {
  let gap = 0;
  for (const dimension of dimensions) {
    const shares = weightedShares(weights, dimension);
    for (const [category, share] of shares.entries())
      gap = Math.max(gap, Math.abs(share - dimension.targets[category]));
  }
  return gap;
}

/**
 * Computes raking weights.
 *
 * @example
 *   rake(4, [{ membership: [0, 0, 0, 1], targets: [0.5, 0.5] }]).weights; // [2/3, 2/3, 2/3, 2]
 */
export function rake(units: number, dimensions: RakingDimension[], options: RakingOptions = {}): RakingResult {
  const tolerance = options.tolerance ?? 1e-6;
  const maxIterations = options.maxIterations ?? 200;
  let weights = new Array<number>(units).fill(1);
  let iterations = 0;
  let gap = maxGap(weights, dimensions);
  while (gap > tolerance && iterations < maxIterations) {
    iterations += 1;
    for (const dimension of dimensions) {
      const { totals, matched } = categoryTotals(weights, dimension);
      weights = weights.map((weight, unit) => {
        const category = dimension.membership[unit];
        if (category < 0 || totals[category] === 0) return weight;
        return weight * ((dimension.targets[category] * matched) / totals[category]);
      });
    }
    weights = normalizeMean(weights);
    if (options.trim) weights = trimWeights(weights, options.trim);
    gap = maxGap(weights, dimensions);
  }
  return { weights, iterations, converged: gap <= tolerance, maxDeviation: gap };
}

function normalizeMean(weights: number[]): number[] {
  const mean = weights.reduce((sum, weight) => sum + weight, 0) / (weights.length || 1);
  return mean > 0 ? weights.map((weight) => weight / mean) : weights;
}

/** Clamps to the bounds and restores mean 1, repeating because re-normalising can push weights out again. */
function trimWeights(weights: number[], trim: { min?: number; max?: number }): number[] {
  const low = trim.min ?? 0;
  const high = trim.max ?? Infinity;
  let trimmed = weights;
  for (let round = 0; round < 100; round++) {
    trimmed = normalizeMean(trimmed.map((weight) => Math.min(high, Math.max(low, weight))));
    if (trimmed.every((weight) => weight >= low - 1e-12 && weight <= high + 1e-12)) break;
  }
  return trimmed;
}

/** Kish's effective sample size: (Σw)² / Σw². */
export function effectiveSampleSize(weights: number[]): number {
  const sum = weights.reduce((total, weight) => total + weight, 0);
  const squares = weights.reduce((total, weight) => total + weight * weight, 0);
  return squares > 0 ? (sum * sum) / squares : 0;
}
