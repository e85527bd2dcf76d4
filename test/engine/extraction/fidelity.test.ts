import { describe, expect, it } from 'vitest';
import type { PersonaSpec } from '../../../engine/agent/persona-spec.js';
import {
  baselineScores,
  buildFidelityReport,
  parseSurveyCsv,
  type SurveyData,
} from '../../../engine/extraction/fidelity/index.js';
import type { PollAnswer } from '../../../engine/extraction/polls/index.js';

const csv = (text: string) => new TextEncoder().encode(text);
const SURVEY = [
  'respondent_id,age,gender,I trust my neighbours,Do you own a car?,Favourite season,comment',
  '1,23,Female,4,yes,Summer,I like it here',
  '2,67,Male,5,no,Winter,Too noisy at night',
  '3,45,female,3,Yes,Summer,',
  '4,31,male,,no,Autumn,ok',
  '5,52,Female,maybe,yes,Summer,fine',
  '6,19,Male,2,NA,Spring,great place',
].join('\n');

describe('parseSurveyCsv', () => {
  it('maps columns to questions and segments, and says why the others were left out', () => {
    const survey = parseSurveyCsv(csv(SURVEY));
    expect(survey.rows).toBe(6);
    expect(survey.questions.map((question) => [question.column, question.poll.kind])).toEqual([
      ['I trust my neighbours', 'likert'],
      ['Do you own a car?', 'yes-no'],
      ['Favourite season', 'single-choice'],
    ]);
    expect(survey.segments.map((segment) => [segment.column, segment.values])).toEqual([
      ['age', ['18-24', '65+', '45-54', '25-34', '45-54', '18-24']],
      ['gender', ['female', 'male', 'female', 'male', 'female', 'male']],
    ]);
    expect(survey.skipped.map((entry) => entry.column)).toEqual(['respondent_id', 'comment']);
    expect(survey.skipped[0].reason).toContain('id');
    const trust = survey.questions[0];
    expect(trust.missing).toBe(1);
    expect(trust.unknown).toBe(1);
    expect(trust.unknownExamples).toEqual(['maybe']);
    expect(trust.answers).toEqual(['4', '5', '3', null, null, '2']);
    expect(survey.questions[1].answers).toEqual(['yes', 'no', 'yes', 'no', 'yes', null]);
    // A short header with few answers could be a respondent attribute: the person is asked.
    expect(survey.ambiguous).toEqual(['Favourite season']);
    const told = parseSurveyCsv(csv(SURVEY), { questions: ['Favourite season'], segments: ['gender'] });
    expect(told.ambiguous).toEqual([]);
    expect(told.questions.map((question) => question.column)).toEqual(['Favourite season']);
    expect(told.segments.map((segment) => segment.column)).toEqual(['gender']);
  });

  it('reads 10,000 rows', () => {
    const lines = ['q1,q2'];
    for (let i = 0; i < 10_000; i++) lines.push(`${(i % 5) + 1},${i % 3 === 0 ? 'yes' : 'no'}`);
    const survey = parseSurveyCsv(csv(lines.join('\n')));
    expect(survey.rows).toBe(10_000);
    expect(survey.questions[0].answers.filter((answer) => answer === '5')).toHaveLength(2000);
  });

  it('refuses bad encodings, broken CSV, unknown columns and files without questions, clearly', () => {
    expect(() => parseSurveyCsv(new Uint8Array([0xff, 0xfe, 0x71, 0x00]))).toThrow(/UTF-16/);
    expect(() => parseSurveyCsv(new Uint8Array([0x71, 0x31, 0x0a, 0xe9, 0x0a]))).toThrow(/not valid UTF-8/);
    expect(() => parseSurveyCsv(csv('q1\n1\u0000\n'))).toThrow(/binary/);
    expect(() => parseSurveyCsv(csv('q1,q2\n"1,2\n'))).toThrow(/could not be read/);
    expect(() => parseSurveyCsv(csv(SURVEY), { questions: ['nope'] })).toThrow(/no column "nope"/);
    expect(() => parseSurveyCsv(csv('id,comment\n1,hello there\n2,bye now\n3,ok\n4,fine\n5,great\n'))).toThrow(
      /No column reads as a question/,
    );
    expect(() => parseSurveyCsv(csv(''))).toThrow(/header row/);
    // One column is a valid survey too (no delimiter to detect).
    expect(parseSurveyCsv(csv('q1\n1\n2\n3\n')).questions).toHaveLength(1);
  });
});

describe('fidelity scores and baselines', () => {
  it('baselines match SciPy on a 5-point distribution', () => {
    // Real counts [10,20,30,25,15] over points 1..5, computed with SciPy 1.17.1:
    //   jensenshannon(r, [1]*5, base=2) = 0.1552769751397979; 1 - max|ΔCDF| = 0.9;
    //   wasserstein_distance(pts, pts, r, [1]*5) = 0.25; majority [0,0,1,0,0]: 0.702440464210416, 0.6, 0.95,
    //   kendalltau(r, [0,0,1,0,0]).statistic = 0.6324555320336759, .pvalue = 0.15729920705028516
    const { uniform, majority } = baselineScores([10, 20, 30, 25, 15], [1, 2, 3, 4, 5]);
    expect(uniform.jsd).toBeCloseTo(0.1552769751397979, 12);
    expect(uniform.ksSimilarity).toBeCloseTo(0.9, 12);
    expect(uniform.wasserstein).toBeCloseTo(0.25, 12);
    expect(uniform.kendallTau).toBeNull();
    expect(majority.jsd).toBeCloseTo(0.702440464210416, 12);
    expect(majority.ksSimilarity).toBeCloseTo(0.6, 12);
    expect(majority.wasserstein).toBeCloseTo(0.95, 12);
    expect(majority.kendallTau).toBeCloseTo(0.6324555320336759, 12);
    expect(majority.kendallTauP).toBeCloseTo(0.15729920705028516, 10);
    expect(uniform.kendallTauP).toBeNull();
  });

  it('flags a panel bunched on the midpoint with low variance, per question and segment, and weights with --align', () => {
    const lines = ['age,I trust my neighbours'];
    const real = [1, 2, 2, 3, 4, 4, 5, 5, 1, 5];
    for (const [index, value] of real.entries()) lines.push(`${index < 5 ? 25 : 70},${value}`);
    const survey: SurveyData = parseSurveyCsv(csv(lines.join('\n')));
    const specs = new Map<string, PersonaSpec>();
    const answers: PollAnswer[] = [];
    for (let i = 0; i < 8; i++) {
      specs.set(`p${i}`, { name: `p${i}`, age: i < 6 ? 30 : 72 });
      answers.push({ personaId: `p${i}`, personaName: `p${i}`, value: i === 7 ? 4 : 3, reason: 'r' });
    }
    const report = buildFidelityReport({
      survey,
      answers: new Map([['I trust my neighbours', answers]]),
      specs,
      method: 'direct',
      panel: 'test',
      align: true,
    });
    const [question] = report.questions;
    expect(question.nReal).toBe(10);
    expect(question.nSynthetic).toBe(8);
    expect(question.midpointBunching).toBe(true);
    expect(question.lowVariance).toBe(true);
    expect(question.scores.jsd).toBeGreaterThan(question.baselines.uniform.jsd);
    expect(question.meanDifference?.difference).toBeCloseTo(3.125 - 3.2, 12);
    expect(report.segments.map((segment) => segment.segment).sort()).toEqual(['25-34', '65+']);
    // Raking to the survey's 50/50 age split up-weights the two older personas (one of whom said 4).
    expect(report.alignment?.dimensions).toEqual(['age']);
    expect(question.weighted?.syntheticShares[3]).toBeCloseTo(0.25, 6);
    expect(report.summary.weighted?.meanJsd).toBeLessThan(report.summary.meanJsd);
  });
});
