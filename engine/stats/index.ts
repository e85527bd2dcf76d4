export { mean, variance, sd, median, weightedMean, effectiveSampleSize } from './descriptive.js';
export {
  confidenceInterval95,
  wilsonInterval95,
  weightedWilsonInterval95,
  type ConfidenceInterval,
} from './intervals.js';
export {
  welchTTest,
  studentTTest,
  cohensD,
  mannWhitneyU,
  ksTest,
  averageRanks,
  type TTestResult,
  type MannWhitneyResult,
  type KsResult,
} from './two-sample.js';
export { chiSquareTest, anovaOneWay, type ChiSquareResult, type AnovaResult } from './multi-sample.js';
export * from './divergence.js';
export { jensenShannonDistance, wasserstein1D, ksDistance, ksSimilarity } from './distribution-distance.js';
export { kendallTau, kendallTauTest, type KendallTauResult } from './kendall-tau.js';
export {
  proportionDifferenceInterval95,
  meanDifferenceInterval95,
  type DifferenceInterval,
} from './difference-intervals.js';
export { mcnemarExact, wilcoxonSignedRank, type McNemarResult, type WilcoxonResult } from './paired.js';
export { fisherExact, binomialTwoSided, type FisherResult } from './exact.js';
