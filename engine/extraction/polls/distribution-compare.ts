import {
  jensenShannonDistance,
  kendallTau,
  ksSimilarity,
  meanDifferenceInterval95,
  proportionDifferenceInterval95,
  wasserstein1D,
  type DifferenceInterval,
} from '../../stats/index.js';

/** One side of a comparison: total mass per option (counts, or summed probabilities for SSR). */
export interface DistributionSide {
  label: string;
  /** Mass per option, in option order; sums to `n` for single-answer polls. */
  counts: number[];
  n: number;
  /** Ordinal scales: each respondent's value (or expected value), for the mean difference. */
  values?: number[];
}

/** Share per option of each side and their difference (first − second) with a Newcombe 95% interval. */
export interface OptionDifference {
  option: string;
  firstShare: number;
  secondShare: number;
  difference: number;
  low: number;
  high: number;
}

/**
 * Two distributions over the same options compared: per-option differences with intervals, Jensen-Shannon
 * distance (base 2, 0 = same, 1 = disjoint), Kendall's tau of the option shares, and for ordinal scales the
 * Wasserstein distance (in scale points), KS similarity (1 − the largest CDF gap) and the mean difference.
 */
export interface DistributionComparison {
  options: string[];
  first: { label: string; n: number; shares: number[] };
  second: { label: string; n: number; shares: number[] };
  differences: OptionDifference[];
  /** null when either side has no answers. */
  jsd: number | null;
  kendallTau: number | null;
  ordinal: boolean;
  wasserstein?: number | null;
  ksSimilarity?: number | null;
  meanDifference?: DifferenceInterval | null;
}

/**
 * Compares two answer distributions to the same question.
 *
 * @example
 *   compareDistributions(['yes', 'no'], { label: 'panel', counts: [7, 3], n: 10 }, { label: 'people', counts: [4, 6], n: 10 });
 */
export function compareDistributions(
  options: readonly string[],
  first: DistributionSide,
  second: DistributionSide,
  scale?: readonly number[],
): DistributionComparison {
  const share = (side: DistributionSide) => side.counts.map((count) => (side.n > 0 ? count / side.n : 0));
  const firstShares = share(first);
  const secondShares = share(second);
  const both = first.n > 0 && second.n > 0;
  const differences = options.map((option, index) => {
    const difference = firstShares[index] - secondShares[index];
    if (!both)
      return {
        option,
        firstShare: firstShares[index],
        secondShare: secondShares[index],
        difference,
        low: Number.NaN,
        high: Number.NaN,
      };
    const interval = proportionDifferenceInterval95(
      Math.min(first.counts[index], first.n),
      first.n,
      Math.min(second.counts[index], second.n),
      second.n,
    );
    return { option, firstShare: firstShares[index], secondShare: secondShares[index], ...interval };
  });
  const tau = both && options.length >= 2 ? kendallTau(firstShares, secondShares) : Number.NaN;
  const comparison: DistributionComparison = {
    options: [...options],
    first: { label: first.label, n: first.n, shares: firstShares },
    second: { label: second.label, n: second.n, shares: secondShares },
    differences,
    jsd: both ? jensenShannonDistance(first.counts, second.counts) : null,
    kendallTau: Number.isFinite(tau) ? tau : null,
    ordinal: Boolean(scale),
  };
  if (scale) {
    comparison.wasserstein = both ? wasserstein1D(scale, scale, first.counts, second.counts) : null;
    comparison.ksSimilarity = both ? ksSimilarity(first.counts, second.counts) : null;
    comparison.meanDifference =
      first.values && second.values && first.values.length >= 2 && second.values.length >= 2
        ? meanDifferenceInterval95(first.values, second.values)
        : null;
  }
  return comparison;
}
