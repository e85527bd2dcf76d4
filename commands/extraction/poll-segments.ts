import type { PersonaSpec } from '../../engine/agent/persona-spec.js';
import {
  compareSegments,
  type Breakdown,
  type Dimension,
  type PollAnalysis,
  type PollRun,
} from '../../engine/extraction/polls/index.js';
import type { Block } from '../reply.js';
import { comparisonLines, segmentTable, type PollText } from './poll-report.js';

/**
 * The per-segment table of a breakdown and the test of the difference between its two largest
 * segments (chi-square with Cramér's V for categories, Welch's t with Cohen's d for scales).
 *
 * @example
 *   segmentText(run, analysis, specs, 'age-band').text; // "By age band: …\nDifference between 25-34 …: p = 0.04, …"
 */
export function segmentText(
  run: PollRun,
  analysis: PollAnalysis & { breakdown: Breakdown },
  specs: ReadonlyMap<string, PersonaSpec>,
  dimension: Dimension,
): PollText {
  const { results, breakdown } = analysis;
  const table = segmentTable(results, breakdown);
  const title = `By ${breakdown.dimension}: ${results.poll.question}`;
  const comparison = compareLargest(run, analysis, specs, dimension);
  const blocks: Block[] = [
    { kind: 'section', text: title },
    { kind: 'table', columns: table.columns, rows: table.rows },
    { kind: 'section', text: comparison.join('\n') },
  ];
  return { text: [title, ...table.lines, ...comparison].join('\n'), blocks };
}

function compareLargest(
  run: PollRun,
  analysis: PollAnalysis & { breakdown: Breakdown },
  specs: ReadonlyMap<string, PersonaSpec>,
  dimension: Dimension,
): string[] {
  const segments = analysis.breakdown.segments;
  // Tests assume each group has some answers; a segment of one person says nothing about a difference.
  const testable = segments
    .map((segment, order) => ({ segment, order }))
    .filter(({ segment }) => segment.n >= 2)
    .sort(
      (a, b) =>
        b.segment.n - a.segment.n ||
        Number(a.segment.segment === 'unknown') - Number(b.segment.segment === 'unknown') ||
        a.order - b.order,
    )
    .slice(0, 2)
    .sort((a, b) => a.order - b.order)
    .map(({ segment }) => segment.segment);
  if (segments.length < 2)
    return [
      `Everyone is in one ${analysis.breakdown.dimension} segment (${segments[0]?.segment ?? 'none'}), so there is no difference to test.`,
    ];
  if (testable.length < 2)
    return [
      `Too few personas per ${analysis.breakdown.dimension} segment (at least 2 in two segments) to test a difference; create a larger panel.`,
    ];
  const comparison = compareSegments(run, specs, dimension, [testable[0], testable[1]], {
    openCategories: analysis.openCategories,
    openCategoryNames: analysis.categories?.map((category) => category.name),
  });
  const which =
    segments.length > 2 ? [`Tested the two largest segments (${testable.join(' and ')}) of ${segments.length}.`] : [];
  return [...comparisonLines(comparison), ...which];
}
