import { UserInputError } from '../errors.js';

/**
 * Kendall's tau-b rank correlation (ties adjusted, SciPy's `kendalltau` default statistic); used on option
 * shares to ask whether two distributions rank the options the same way. NaN when either side is constant.
 * @example kendallTau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]) // -0.4714…
 */
export function kendallTau(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length || x.length < 2)
    throw new UserInputError(
      'stats.length_mismatch',
      `kendallTau needs two lists of the same length, at least 2 (got ${x.length} and ${y.length}).`,
      'kendallTau([1, 2, 3], [1, 3, 2])',
    );
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const dx = Math.sign(x[i] - x[j]);
      const dy = Math.sign(y[i] - y[j]);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tiesX++;
      else if (dy === 0) tiesY++;
      else if (dx === dy) concordant++;
      else discordant++;
    }
  }
  const denominator = Math.sqrt((concordant + discordant + tiesX) * (concordant + discordant + tiesY));
  return denominator > 0 ? (concordant - discordant) / denominator : Number.NaN;
}
