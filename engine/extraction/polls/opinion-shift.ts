import { UserInputError } from '../../errors.js';
import { mean, median, sd } from '../../stats/descriptive.js';
import { mcnemarExact, wilcoxonSignedRank } from '../../stats/paired.js';
import type { PollAnswer } from './ask.js';
import type { PollDefinition } from './definition.js';

/** One persona's first and final answer. */
export interface PersonaShift {
  personaId: string;
  personaName: string;
  first: string | number;
  final: string | number;
  changed: boolean;
  /** Relative to the group's first majority (categorical) or first median (scales). */
  direction: 'toward' | 'away' | 'same' | 'sideways';
}

/** How much a discussion moved a panel: first (independent) answers against final ones. */
export interface OpinionShift {
  kind: PollDefinition['kind'];
  pairs: PersonaShift[];
  changedShare: number;
  /** The first answers' majority option (categorical) or median (scales). */
  firstCenter: string | number;
  toward: number;
  away: number;
  distribution: { before: Record<string, number>; after: Record<string, number> };
  /** Spread: standard deviation (scales) or normalized entropy of the options (categorical), 0 … 1. */
  spread: { before: number; after: number };
  /** The spread fell to half or less of what it was: the discussion herded the panel. */
  herding: boolean;
  test?:
    | { name: 'mcnemar'; p: number; yesToNo: number; noToYes: number; oddsRatio: number }
    | { name: 'wilcoxon'; p: number; statistic: number; n: number; rankBiserial: number; method: string };
  meanBefore?: number;
  meanAfter?: number;
  notes: string[];
}

const scalar = (answer: PollAnswer): string | number =>
  Array.isArray(answer.value) ? [...answer.value].sort().join(' + ') : answer.value;

function counts(values: readonly (string | number)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const value of values) out[String(value)] = (out[String(value)] ?? 0) + 1;
  return out;
}

function entropy(values: readonly (string | number)[], options: number): number {
  if (options < 2 || !values.length) return 0;
  let sum = 0;
  for (const count of Object.values(counts(values))) {
    const share = count / values.length;
    sum -= share * Math.log(share);
  }
  return sum / Math.log(options);
}

/**
 * Pairs each persona's first (independent) answer with their final one and measures the shift:
 * who changed, in which direction relative to the first majority, the distributions, a paired test
 * (exact McNemar for yes/no, Wilcoxon signed-rank for Likert and numbers) and a herding flag when
 * the spread collapses to half or less. Personas missing from either round are left out.
 *
 * @example
 *   const shift = measureOpinionShift(poll, first.answers, final.answers);
 *   shift.changedShare; // 0.4
 */
export function measureOpinionShift(
  poll: PollDefinition,
  first: readonly PollAnswer[],
  final: readonly PollAnswer[],
): OpinionShift {
  if (poll.kind === 'open-ended')
    throw new UserInputError(
      'poll.shift.open',
      'Opinion shift needs answers that can be compared: use a yes/no, choice, Likert or number poll.',
      '/poll yesno "Would you pay $5 a month?" --independent-then-discuss',
    );
  const finals = new Map(final.map((answer) => [answer.personaId, answer]));
  const matched = first.flatMap((answer) => {
    const later = finals.get(answer.personaId);
    return later ? [{ answer, later }] : [];
  });
  const notes: string[] = [];
  if (matched.length < first.length)
    notes.push(`${first.length - matched.length} persona(s) answered only once and are left out.`);
  const scale = poll.kind === 'likert' || poll.kind === 'numeric';
  const before = matched.map(({ answer }) => scalar(answer));
  const after = matched.map(({ later }) => scalar(later));
  const firstCounts = counts(before);
  const majority = Object.entries(firstCounts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
  const center: string | number = scale ? (before.length ? median(before as number[]) : 0) : majority;
  const pairs = matched.map(({ answer }, index): PersonaShift => {
    const a = before[index];
    const b = after[index];
    const changed = a !== b;
    let direction: PersonaShift['direction'] = 'same';
    if (changed && scale) {
      const gap = (value: number) => Math.abs(value - (center as number));
      direction =
        gap(b as number) < gap(a as number) ? 'toward' : gap(b as number) > gap(a as number) ? 'away' : 'sideways';
    } else if (changed) {
      direction = String(b) === center ? 'toward' : String(a) === center ? 'away' : 'sideways';
    }
    return { personaId: answer.personaId, personaName: answer.personaName, first: a, final: b, changed, direction };
  });
  const optionCount = scale ? 0 : poll.kind === 'yes-no' ? 2 : 'options' in poll ? poll.options.length : 0;
  const spread = scale
    ? {
        before: before.length > 1 ? sd(before as number[]) : 0,
        after: after.length > 1 ? sd(after as number[]) : 0,
      }
    : { before: entropy(before, optionCount), after: entropy(after, optionCount) };
  const shift: OpinionShift = {
    kind: poll.kind,
    pairs,
    changedShare: pairs.length ? pairs.filter((pair) => pair.changed).length / pairs.length : 0,
    firstCenter: center,
    toward: pairs.filter((pair) => pair.direction === 'toward').length,
    away: pairs.filter((pair) => pair.direction === 'away').length,
    distribution: { before: firstCounts, after: counts(after) },
    spread,
    herding: spread.before > 0 && spread.after <= spread.before / 2,
    notes,
  };
  if (poll.kind === 'yes-no') {
    const test = mcnemarExact(
      before.map((value) => value === 'yes'),
      after.map((value) => value === 'yes'),
    );
    shift.test = { name: 'mcnemar', ...test };
  } else if (scale && pairs.length) {
    const test = wilcoxonSignedRank(before as number[], after as number[]);
    shift.test = {
      name: 'wilcoxon',
      p: test.p,
      statistic: test.statistic,
      n: test.n,
      rankBiserial: test.rankBiserial,
      method: test.method,
    };
    shift.meanBefore = mean(before as number[]);
    shift.meanAfter = mean(after as number[]);
  } else {
    notes.push('No paired test for this kind (McNemar is for yes/no, Wilcoxon for scales); the shift is descriptive.');
  }
  return shift;
}
