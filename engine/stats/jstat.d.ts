// Minimal typings for the parts of jstat the stats module uses (the package ships none).
declare module 'jstat' {
  interface ContinuousDistribution {
    cdf(x: number, ...params: number[]): number;
    inv(p: number, ...params: number[]): number;
  }
  const jStat: {
    studentt: ContinuousDistribution;
    chisquare: ContinuousDistribution;
    normal: ContinuousDistribution;
    centralF: ContinuousDistribution;
  };
  export default jStat;
}
