import { UserInputError } from '../errors.js';

function checkDistribution(values: readonly number[], what: string): number {
  if (!values.length || values.some((v) => !Number.isFinite(v) || v < 0)) {
    throw new UserInputError(
      'stats.bad_distribution',
      `${what} needs non-negative finite masses, at least one.`,
      `${what}([0.2, 0.8], [0.5, 0.5])`,
    );
  }
  const total = values.reduce((sum, v) => sum + v, 0);
  if (!(total > 0))
    throw new UserInputError('stats.bad_distribution', `${what} got masses that sum to 0.`, `${what}([1, 3], [2, 2])`);
  return total;
}

/**
 * Jensen-Shannon distance between two discrete distributions (the square root of the divergence, like
 * SciPy's `jensenshannon`); masses are normalised first. Base 2 (the default) bounds it to [0, 1].
 * @example jensenShannonDistance([0.1, 0.2, 0.3, 0.4], [0.25, 0.25, 0.25, 0.25]) // 0.2005…
 */
export function jensenShannonDistance(p: readonly number[], q: readonly number[], base = 2): number {
  if (p.length !== q.length)
    throw new UserInputError(
      'stats.length_mismatch',
      `Both distributions need the same options (got ${p.length} and ${q.length}).`,
      'jensenShannonDistance([0.2, 0.8], [0.5, 0.5])',
    );
  const sp = checkDistribution(p, 'jensenShannonDistance');
  const sq = checkDistribution(q, 'jensenShannonDistance');
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i] / sp;
    const b = q[i] / sq;
    const m = (a + b) / 2;
    if (a > 0) divergence += 0.5 * a * Math.log(a / m);
    if (b > 0) divergence += 0.5 * b * Math.log(b / m);
  }
  return Math.sqrt(Math.max(0, divergence) / Math.log(base));
}

/**
 * First Wasserstein (earth mover's) distance between two weighted samples on the real line, the same
 * as SciPy's `wasserstein_distance(u, v, uWeights, vWeights)`: the area between the two CDFs.
 * For an ordinal scale pass the scale points as values and the shares as weights.
 * @example wasserstein1D([1, 2, 3, 4, 5], [2, 2, 3, 4, 4]) // 0.4
 */
export function wasserstein1D(
  u: readonly number[],
  v: readonly number[],
  uWeights?: readonly number[],
  vWeights?: readonly number[],
): number {
  const uw = uWeights ?? u.map(() => 1);
  const vw = vWeights ?? v.map(() => 1);
  if (uw.length !== u.length || vw.length !== v.length)
    throw new UserInputError(
      'stats.weight_length',
      'Give one weight per value.',
      'wasserstein1D([1, 2], [1, 2], [0.5, 0.5], [0.9, 0.1])',
    );
  if ([...u, ...v].some((x) => !Number.isFinite(x)))
    throw new UserInputError(
      'stats.not_finite',
      'wasserstein1D got a value that is not finite.',
      'wasserstein1D([1, 2], [2, 3])',
    );
  const su = checkDistribution(uw, 'wasserstein1D');
  const sv = checkDistribution(vw, 'wasserstein1D');
  const points = [...new Set([...u, ...v])].sort((a, b) => a - b);
  const cdf = (values: readonly number[], weights: readonly number[], total: number, x: number) => {
    let mass = 0;
    values.forEach((value, index) => {
      if (value <= x) mass += weights[index];
    });
    return mass / total;
  };
  let area = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const gap = Math.abs(cdf(u, uw, su, points[i]) - cdf(v, vw, sv, points[i]));
    area += gap * (points[i + 1] - points[i]);
  }
  return area;
}

/**
 * Kolmogorov-Smirnov distance between two distributions over the same ordered points: the largest gap
 * between their CDFs (on samples it equals `ks_2samp`'s statistic).
 * @example ksDistance([0.5, 0.5, 0], [0, 0.5, 0.5]) // 0.5
 */
export function ksDistance(p: readonly number[], q: readonly number[]): number {
  if (p.length !== q.length)
    throw new UserInputError(
      'stats.length_mismatch',
      `Both distributions need the same points (got ${p.length} and ${q.length}).`,
      'ksDistance([0.2, 0.8], [0.5, 0.5])',
    );
  const sp = checkDistribution(p, 'ksDistance');
  const sq = checkDistribution(q, 'ksDistance');
  let a = 0;
  let b = 0;
  let d = 0;
  for (let i = 0; i < p.length; i++) {
    a += p[i] / sp;
    b += q[i] / sq;
    d = Math.max(d, Math.abs(a - b));
  }
  return d;
}

/**
 * KS similarity, 1 − KS distance: 1 for identical distributions (the figure SSR's paper reports).
 * @example ksSimilarity([0.5, 0.5, 0], [0, 0.5, 0.5]) // 0.5
 */
export function ksSimilarity(p: readonly number[], q: readonly number[]): number {
  return 1 - ksDistance(p, q);
}
