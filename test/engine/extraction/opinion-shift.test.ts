import { describe, expect, it } from 'vitest';
import { measureOpinionShift, parsePoll, type PollAnswer } from '../../../engine/extraction/polls/index.js';

const answers = (values: (string | number)[]): PollAnswer[] =>
  values.map((value, index) => ({ personaId: `p${index}`, personaName: `P${index}`, value, reason: 'r' }));

// Reference values from SciPy 1.17.1: wilcoxon(after, before), binomtest(k, n).pvalue, statistics.stdev.

describe('measureOpinionShift', () => {
  it('likert: who changed, direction toward the first median, Wilcoxon, herding when the spread collapses', () => {
    const poll = parsePoll({ kind: 'likert', question: 'Would you buy it?', points: 5 });
    const before = [1, 2, 2, 3, 4, 5, 3, 2];
    const after = [3, 3, 3, 3, 3, 3, 3, 3];
    const shift = measureOpinionShift(poll, answers(before), answers(after));
    expect(shift.changedShare).toBe(6 / 8);
    expect(shift.firstCenter).toBe(2.5); // median of the first answers
    expect(shift.toward).toBe(3); // 1, 4 and 5 → 3 moved closer to 2.5; each 2 → 3 stays 0.5 away (sideways)
    expect(shift.away).toBe(0);
    expect(shift.pairs.filter((pair) => pair.direction === 'sideways')).toHaveLength(3);
    expect(shift.spread.before).toBeCloseTo(1.2817398889233116, 12);
    expect(shift.spread.after).toBe(0);
    expect(shift.herding).toBe(true);
    // wilcoxon(after, before) → statistic 8.0, pvalue 0.78125
    expect(shift.test).toMatchObject({ name: 'wilcoxon', statistic: 8, p: expect.closeTo(0.78125, 12) });
    expect(shift.meanBefore).toBe(2.75);
    expect(shift.meanAfter).toBe(3);
  });

  it('yes/no: McNemar on the discordant pairs, direction relative to the first majority', () => {
    const poll = parsePoll({ kind: 'yes-no', question: 'Would you buy it?' });
    const shift = measureOpinionShift(
      poll,
      answers(['yes', 'yes', 'yes', 'no', 'no', 'no', 'no']),
      answers(['yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes']),
    );
    expect(shift.firstCenter).toBe('no');
    expect(shift.away).toBe(4);
    expect(shift.toward).toBe(0);
    // binomtest(0, 4).pvalue = 0.125
    expect(shift.test).toMatchObject({ name: 'mcnemar', noToYes: 4, yesToNo: 0, p: expect.closeTo(0.125, 12) });
    expect(shift.herding).toBe(true);
    expect(shift.distribution).toEqual({ before: { yes: 3, no: 4 }, after: { yes: 7 } });
  });

  it('leaves out personas that answered only once, and has no paired test for choices', () => {
    const poll = parsePoll({ kind: 'single-choice', question: 'Would you buy it?', options: ['A', 'B', 'C'] });
    const shift = measureOpinionShift(poll, answers(['A', 'B', 'C']), answers(['A', 'A']));
    expect(shift.pairs.map((pair) => pair.personaId)).toEqual(['p0', 'p1']);
    expect(shift.test).toBeUndefined();
    expect(shift.notes.join(' ')).toContain('1 persona(s) answered only once');
    expect(shift.herding).toBe(true);
  });
});
