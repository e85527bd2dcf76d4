import type { PersonaSpec } from '../../agent/persona-spec.js';
import { jensenShannonDistance } from '../../stats/index.js';
import type { PollAnswer } from './ask.js';
import { pollOptions } from './aggregate.js';
import { segmentOf, dimensionLabel, type Dimension } from './breakdown.js';
import type { PollDefinition } from './definition.js';
import { compareDistributions, type DistributionComparison, type DistributionSide } from './distribution-compare.js';

/** Poll kinds people can vote on natively (one option each). */
export const PEOPLE_POLL_KINDS = ['yes-no', 'single-choice', 'likert'] as const;

/** A panel segment and how far its answers are from the people's. */
export interface SegmentDivergence {
  dimension: string;
  segment: string;
  n: number;
  jsd: number;
}

/** The panel beside the people on one poll, and the panel segments furthest from the people. */
export interface PeopleComparison {
  poll: PollDefinition;
  comparison: DistributionComparison;
  /** Largest Jensen-Shannon distance first (segments with at least 2 personas). */
  divergentSegments: SegmentDivergence[];
}

const SEGMENT_DIMENSIONS: Dimension[] = ['age-band', 'gender', 'nationality', 'occupation'];

/**
 * Mass per option of panel answers: a direct answer counts 1 for its option; an SSR answer spreads its
 * probabilities over the scale. Values are each answer's point (or expected point, for SSR).
 *
 * @example
 *   panelSide(poll, answers).counts; // [3, 1, 0, 0, 1]
 */
export function panelSide(poll: PollDefinition, answers: readonly PollAnswer[], label = 'panel'): DistributionSide {
  const options = pollOptions(poll);
  const counts = options.map(() => 0);
  const values: number[] = [];
  for (const answer of answers) {
    if (answer.distribution && answer.distribution.length === options.length) {
      answer.distribution.forEach((p, index) => {
        counts[index] += p;
      });
      values.push(answer.distribution.reduce((sum, p, index) => sum + p * (index + 1), 0));
      continue;
    }
    const index = options.indexOf(String(answer.value));
    if (index >= 0) counts[index] += 1;
    if (poll.kind === 'likert') values.push(Number(answer.value));
  }
  return { label, counts, n: answers.length, ...(poll.kind === 'likert' ? { values } : {}) };
}

/** Mass per option of chosen options (people's votes, survey answers). */
export function choiceSide(poll: PollDefinition, choices: readonly string[], label = 'people'): DistributionSide {
  const options = pollOptions(poll);
  const counts = options.map((option) => choices.filter((choice) => choice === option).length);
  const side: DistributionSide = { label, counts, n: choices.length };
  if (poll.kind === 'likert') side.values = choices.map(Number);
  return side;
}

/** The scale points of an ordinal poll (undefined for categorical kinds). */
export function ordinalScale(poll: PollDefinition): number[] | undefined {
  return poll.kind === 'likert' ? Array.from({ length: poll.points }, (_, index) => index + 1) : undefined;
}

/**
 * Compares the panel's answers with the people's votes (panel − people), and ranks the panel's segments
 * by their distance from the people.
 *
 * @example
 *   const { comparison, divergentSegments } = comparePeopleWithPanel(poll, run.answers, ['yes', 'no', 'yes'], specs);
 */
export function comparePeopleWithPanel(
  poll: PollDefinition,
  panelAnswers: readonly PollAnswer[],
  votes: readonly string[],
  specs: ReadonlyMap<string, PersonaSpec>,
): PeopleComparison {
  const people = choiceSide(poll, votes);
  const comparison = compareDistributions(pollOptions(poll), panelSide(poll, panelAnswers), people, ordinalScale(poll));
  const divergentSegments: SegmentDivergence[] = [];
  if (people.n > 0) {
    for (const dimension of SEGMENT_DIMENSIONS) {
      const groups = new Map<string, PollAnswer[]>();
      for (const answer of panelAnswers) {
        const spec = specs.get(answer.personaId);
        const segment = spec ? segmentOf(spec, dimension) : 'unknown';
        groups.set(segment, [...(groups.get(segment) ?? []), answer]);
      }
      if (groups.size < 2) continue;
      for (const [segment, answers] of groups) {
        if (segment === 'unknown' || answers.length < 2) continue;
        const side = panelSide(poll, answers);
        divergentSegments.push({
          dimension: dimensionLabel(dimension),
          segment,
          n: answers.length,
          jsd: jensenShannonDistance(side.counts, people.counts),
        });
      }
    }
  }
  divergentSegments.sort((a, b) => b.jsd - a.jsd || a.segment.localeCompare(b.segment));
  return { poll, comparison, divergentSegments: divergentSegments.slice(0, 3) };
}
