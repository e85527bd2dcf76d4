import { jensenShannonDistance, kendallTauTest, ksSimilarity, wasserstein1D } from '../../stats/index.js';

/** How close one distribution is to the real one: JSD always; KS similarity and Wasserstein on ordinal scales. */
export interface FidelityScores {
  /** Jensen-Shannon distance, base 2 (0 = same, 1 = disjoint). */
  jsd: number;
  /** Kendall's tau-b of the option shares (null when a side is constant, e.g. the uniform baseline). */
  kendallTau: number | null;
  /** Its two-sided p-value (SciPy's `kendalltau`: exact without ties and n ≤ 33, else normal); null with tau. */
  kendallTauP: number | null;
  ksSimilarity?: number;
  /** In scale points. */
  wasserstein?: number;
}

/**
 * Scores a distribution (masses per option) against the real one.
 * @example scoreAgainst([10, 5, 5], [1, 1, 1]) // { jsd: …, kendallTau: null, kendallTauP: null }
 */
export function scoreAgainst(
  real: readonly number[],
  other: readonly number[],
  scale?: readonly number[],
): FidelityScores {
  const tau = kendallTauTest(real, other);
  const scores: FidelityScores = {
    jsd: jensenShannonDistance(real, other),
    kendallTau: Number.isFinite(tau.tau) ? tau.tau : null,
    kendallTauP: Number.isFinite(tau.pValue) ? tau.pValue : null,
  };
  if (scale) {
    scores.ksSimilarity = ksSimilarity(real, other);
    scores.wasserstein = wasserstein1D(scale, scale, real, other);
  }
  return scores;
}

/** The two baselines every score is read beside: a uniform-random answerer and always-the-majority. */
export function baselineScores(
  real: readonly number[],
  scale?: readonly number[],
): { uniform: FidelityScores; majority: FidelityScores } {
  const uniform = real.map(() => 1);
  const top = real.indexOf(Math.max(...real));
  const majority = real.map((_, index) => (index === top ? 1 : 0));
  return { uniform: scoreAgainst(real, uniform, scale), majority: scoreAgainst(real, majority, scale) };
}
