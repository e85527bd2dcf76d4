import type { PersonaSpec } from '../../agent/persona-spec.js';
import { rake } from '../../factory/raking.js';
import { meanDifferenceInterval95, sd, type DifferenceInterval } from '../../stats/index.js';
import type { PollAnswer } from '../polls/ask.js';
import { pollOptions } from '../polls/aggregate.js';
import { segmentOf } from '../polls/breakdown.js';
import { scaleMidpoint } from '../polls/definition.js';
import { ordinalScale, panelSide } from '../polls/people-vs-panel.js';
import { baselineScores, scoreAgainst, type FidelityScores } from './fidelity-scores.js';
import type { SurveyData, SurveyQuestion } from './survey-csv.js';

/** One question of a fidelity report. */
export interface QuestionFidelity {
  column: string;
  question: string;
  kind: string;
  options: string[];
  nReal: number;
  nSynthetic: number;
  realShares: number[];
  syntheticShares: number[];
  scores: FidelityScores;
  /** Ordinal: synthetic − real mean with a Welch 95% interval. */
  meanDifference?: DifferenceInterval | null;
  /** The panel piles onto the midpoint (≥ 50% there and 15 points more than the real respondents). */
  midpointBunching: boolean;
  /** The panel varies much less than the real respondents (sd below 60% of theirs; categorical: ≥ 90% on one option where real respondents had at most 70%). */
  lowVariance: boolean;
  baselines: { uniform: FidelityScores; majority: FidelityScores };
  /** With `--align`: the same scores with raking weights on the panel. */
  weighted?: FidelityScores & { syntheticShares: number[] };
  missingAnswers: number;
  unknownAnswers: number;
}

/** A segment's distance from the real respondents of the same segment, per question. */
export interface SegmentFidelity {
  column: string;
  segment: string;
  question: string;
  nReal: number;
  nSynthetic: number;
  jsd: number;
}

/** Mean scores over a report's questions. */
export interface FidelitySummary {
  meanJsd: number;
  /** Over the ordinal questions; null when there is none. */
  meanKsSimilarity: number | null;
}

/** A panel scored against a real survey, beside the two baselines. */
export interface FidelityReport {
  method: 'direct' | 'ssr';
  panel: string;
  rows: number;
  createdAt: string;
  questions: QuestionFidelity[];
  segments: SegmentFidelity[];
  summary: FidelitySummary & { uniform: FidelitySummary; majority: FidelitySummary; weighted?: FidelitySummary };
  skipped: { column: string; reason: string }[];
  alignment?: { dimensions: string[]; converged: boolean; maxDeviation: number };
}

/** What scoring needs: the survey, the panel's answers per question column, and persona specs by id. */
export interface FidelityInput {
  survey: SurveyData;
  answers: ReadonlyMap<string, readonly PollAnswer[]>;
  specs: ReadonlyMap<string, PersonaSpec>;
  method: 'direct' | 'ssr';
  panel: string;
  /** Rake the panel to the survey's segment marginals and report weighted scores too. */
  align?: boolean;
  now?: Date;
}

function realCounts(question: SurveyQuestion, rows?: readonly number[]): number[] {
  const options = pollOptions(question.poll);
  const counts = options.map(() => 0);
  const indices = rows ?? question.answers.map((_, index) => index);
  for (const row of indices) {
    const answer = question.answers[row];
    if (answer === null) continue;
    const index = options.indexOf(answer);
    if (index >= 0) counts[index]++;
  }
  return counts;
}

function weightedCounts(poll: SurveyQuestion['poll'], answers: readonly PollAnswer[], weights: Record<string, number>) {
  const options = pollOptions(poll);
  const counts = options.map(() => 0);
  for (const answer of answers) {
    const single = panelSide(poll, [answer]).counts;
    const weight = weights[answer.personaId] ?? 1;
    single.forEach((mass, index) => {
      counts[index] += mass * weight;
    });
  }
  return counts;
}

const shares = (counts: readonly number[]) => {
  const total = counts.reduce((sum, count) => sum + count, 0);
  return counts.map((count) => (total > 0 ? count / total : 0));
};

/** Raking weights that match the panel to the survey's segment marginals (segments personas have values for). */
export function alignmentWeights(
  survey: SurveyData,
  personaIds: readonly string[],
  specs: ReadonlyMap<string, PersonaSpec>,
): { weights: Record<string, number>; dimensions: string[]; converged: boolean; maxDeviation: number } | undefined {
  const dimensions = survey.segments.flatMap((segment) => {
    const categories = [...new Set(segment.values.filter((value): value is string => value !== null))].sort();
    const membership = personaIds.map((id) => {
      const spec = specs.get(id);
      const value = spec ? segmentOf(spec, segment.dimension) : 'unknown';
      return categories.findIndex((category) => category.toLowerCase() === value.toLowerCase());
    });
    if (membership.every((index) => index < 0)) return [];
    const counts = categories.map((category) => segment.values.filter((value) => value === category).length);
    // Only categories some persona falls in can be matched; the others' share is spread over them.
    const covered = categories.map((_, index) => membership.includes(index));
    const coveredTotal = counts.reduce((sum, count, index) => sum + (covered[index] ? count : 0), 0);
    const targets = counts.map((count, index) => (covered[index] && coveredTotal ? count / coveredTotal : 0));
    return [{ column: segment.column, dimension: { membership, targets } }];
  });
  if (!dimensions.length) return undefined;
  const result = rake(
    personaIds.length,
    dimensions.map((entry) => entry.dimension),
    { trim: { min: 0.2, max: 5 } },
  );
  return {
    weights: Object.fromEntries(personaIds.map((id, index) => [id, result.weights[index]])),
    dimensions: dimensions.map((entry) => entry.column),
    converged: result.converged,
    maxDeviation: result.maxDeviation,
  };
}

function scoreQuestion(
  question: SurveyQuestion,
  answers: readonly PollAnswer[],
  weights: Record<string, number> | undefined,
): QuestionFidelity {
  const poll = question.poll;
  const scale = ordinalScale(poll);
  const real = realCounts(question);
  const synthetic = panelSide(poll, answers);
  const nReal = real.reduce((sum, count) => sum + count, 0);
  const syntheticShares = shares(synthetic.counts);
  const realShares = shares(real);
  const entry: QuestionFidelity = {
    column: question.column,
    question: poll.question,
    kind: poll.kind,
    options: pollOptions(poll),
    nReal,
    nSynthetic: synthetic.n,
    realShares,
    syntheticShares,
    scores: scoreAgainst(real, synthetic.counts, scale),
    midpointBunching: false,
    lowVariance: false,
    baselines: baselineScores(real, scale),
    missingAnswers: question.missing,
    unknownAnswers: question.unknown,
  };
  if (scale && poll.kind === 'likert') {
    const realValues = question.answers.filter((answer): answer is string => answer !== null).map(Number);
    const values = synthetic.values ?? [];
    entry.meanDifference =
      values.length >= 2 && realValues.length >= 2 ? meanDifferenceInterval95(values, realValues) : null;
    const mid = scaleMidpoint(poll.points) - 1;
    entry.midpointBunching = syntheticShares[mid] >= 0.5 && syntheticShares[mid] - realShares[mid] >= 0.15;
    entry.lowVariance =
      values.length >= 2 && realValues.length >= 2 && sd(realValues) > 0 && sd(values) < 0.6 * sd(realValues);
  } else {
    entry.lowVariance = Math.max(...syntheticShares) >= 0.9 && Math.max(...realShares) <= 0.7;
  }
  if (weights) {
    const counts = weightedCounts(poll, answers, weights);
    entry.weighted = { ...scoreAgainst(real, counts, scale), syntheticShares: shares(counts) };
  }
  return entry;
}

function summarize(scores: readonly FidelityScores[]): FidelitySummary {
  const ks = scores.flatMap((score) => (score.ksSimilarity === undefined ? [] : [score.ksSimilarity]));
  return {
    meanJsd: scores.reduce((sum, score) => sum + score.jsd, 0) / Math.max(1, scores.length),
    meanKsSimilarity: ks.length ? ks.reduce((sum, value) => sum + value, 0) / ks.length : null,
  };
}

/**
 * Scores the panel's answers against the survey, question by question and segment by segment, beside a
 * uniform-random and an always-the-majority answerer; with `align`, also with raking weights.
 *
 * @example
 *   const report = buildFidelityReport({ survey, answers, specs, method: 'direct', panel: 'adults' });
 *   report.summary.meanJsd; // 0.21
 */
export function buildFidelityReport(input: FidelityInput): FidelityReport {
  const personaIds = [...new Set([...input.answers.values()].flatMap((answers) => answers.map((a) => a.personaId)))];
  const alignment = input.align ? alignmentWeights(input.survey, personaIds, input.specs) : undefined;
  const questions = input.survey.questions
    .filter((question) => (input.answers.get(question.column) ?? []).length > 0)
    .map((question) => scoreQuestion(question, input.answers.get(question.column) ?? [], alignment?.weights));
  const segments: SegmentFidelity[] = [];
  for (const segment of input.survey.segments) {
    const categories = [...new Set(segment.values.filter((value): value is string => value !== null))].sort();
    for (const question of input.survey.questions) {
      const answers = input.answers.get(question.column) ?? [];
      for (const category of categories) {
        const rows = segment.values.flatMap((value, index) => (value === category ? [index] : []));
        const real = realCounts(question, rows);
        const nReal = real.reduce((sum, count) => sum + count, 0);
        const mine = answers.filter((answer) => {
          const spec = input.specs.get(answer.personaId);
          return spec && segmentOf(spec, segment.dimension).toLowerCase() === category.toLowerCase();
        });
        if (nReal < 5 || mine.length < 2) continue;
        segments.push({
          column: segment.column,
          segment: category,
          question: question.poll.question,
          nReal,
          nSynthetic: mine.length,
          jsd: scoreAgainst(real, panelSide(question.poll, mine).counts).jsd,
        });
      }
    }
  }
  segments.sort((a, b) => b.jsd - a.jsd);
  const report: FidelityReport = {
    method: input.method,
    panel: input.panel,
    rows: input.survey.rows,
    createdAt: (input.now ?? new Date()).toISOString(),
    questions,
    segments,
    summary: {
      ...summarize(questions.map((question) => question.scores)),
      uniform: summarize(questions.map((question) => question.baselines.uniform)),
      majority: summarize(questions.map((question) => question.baselines.majority)),
    },
    skipped: input.survey.skipped,
  };
  if (alignment) {
    report.summary.weighted = summarize(
      questions.flatMap((question) => (question.weighted ? [question.weighted] : [])),
    );
    report.alignment = {
      dimensions: alignment.dimensions,
      converged: alignment.converged,
      maxDeviation: alignment.maxDeviation,
    };
  }
  return report;
}
