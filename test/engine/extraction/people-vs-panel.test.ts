import { describe, expect, it } from 'vitest';
import type { PersonaSpec } from '../../../engine/agent/persona-spec.js';
import { comparePeopleWithPanel, parsePoll, type PollAnswer } from '../../../engine/extraction/polls/index.js';

const likert = parsePoll({ kind: 'likert', question: 'I trust the brand' });
const answer = (personaId: string, value: number): PollAnswer => ({
  personaId,
  personaName: personaId,
  value,
  reason: 'r',
});

describe('comparePeopleWithPanel', () => {
  // Panel ratings [3,3,3,4,4,2], people [1,5,4,2,5,3]; reference figures from SciPy 1.17.1:
  //   jensenshannon([0,1,3,2,0],[1,1,1,1,2], base=2), wasserstein_distance(panel, people),
  //   1 - ks_2samp(panel, people).statistic, kendalltau([0,1,3,2,0],[1,1,1,1,2]).statistic,
  //   ttest_ind(panel, people, equal_var=False).confidence_interval()
  const panel = [3, 3, 3, 4, 4, 2].map((value, index) => answer(`p${index}`, value));
  const people = ['1', '5', '4', '2', '5', '3'];
  const specs = new Map<string, PersonaSpec>(
    panel.map((entry, index) => [entry.personaId, { name: entry.personaId, age: index < 3 ? 22 : 60, gender: 'x' }]),
  );

  it('gives the distances, the rank correlation and the mean difference of a Likert poll', () => {
    const { comparison } = comparePeopleWithPanel(likert, panel, people, specs);
    expect(comparison.first.n).toBe(6);
    expect(comparison.second.n).toBe(6);
    expect(comparison.jsd).toBeCloseTo(0.5773502691896258, 12);
    expect(comparison.wasserstein).toBeCloseTo(0.8333333333333333, 12);
    expect(comparison.ksSimilarity).toBeCloseTo(0.6666666666666667, 12);
    expect(comparison.kendallTau).toBeCloseTo(-0.5, 12);
    expect(comparison.meanDifference?.low).toBeCloseTo(-1.9008557705292124, 7);
    expect(comparison.meanDifference?.high).toBeCloseTo(1.5675224371958785, 7);
    const three = comparison.differences.find((entry) => entry.option === '3');
    expect(three?.difference).toBeCloseTo(3 / 6 - 1 / 6, 12);
    expect(three!.low).toBeLessThan(three!.difference);
    expect(three!.high).toBeGreaterThan(three!.difference);
  });

  it('ranks panel segments by distance from the people', () => {
    const { divergentSegments } = comparePeopleWithPanel(likert, panel, people, specs);
    expect(divergentSegments.map((entry) => `${entry.dimension}:${entry.segment}`)).toEqual([
      'age band:18-24',
      'age band:55-64',
    ]);
    expect(divergentSegments[0].jsd).toBeGreaterThan(divergentSegments[1].jsd);
  });

  it('reports no distance before anyone voted, and spreads SSR probabilities', () => {
    expect(comparePeopleWithPanel(likert, panel, [], specs).comparison.jsd).toBeNull();
    const ssr = [{ ...answer('s', 3), distribution: [0, 0.5, 0.5, 0, 0] }];
    const { comparison } = comparePeopleWithPanel(likert, ssr, ['2', '3'], new Map());
    expect(comparison.first.shares).toEqual([0, 0.5, 0.5, 0, 0]);
    expect(comparison.jsd).toBe(0);
  });
});
