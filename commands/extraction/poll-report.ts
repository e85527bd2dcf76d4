import type { Breakdown, PollComparison, PollResults } from '../../engine/extraction/polls/index.js';
import { formatInterval, formatShare } from '../../engine/extraction/export/index.js';
import type { Block } from '../reply.js';

/** What a poll post carries: a readable text and the blocks an adapter may render richly. */
export interface PollText {
  text: string;
  blocks: Block[];
}

const number = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));

/** The unit of a numeric poll, with a leading space, or nothing. */
function unitOf(results: PollResults): string {
  return results.poll.kind === 'numeric' && results.poll.unit ? ` ${results.poll.unit}` : '';
}

/** `⚠ …` lines for the results' warnings (midpoint bunching, no extremes, small sample, failed answers). */
export function warningLines(results: PollResults): string[] {
  return results.warnings.map((warning) => `⚠ ${warning.message}`);
}

/**
 * The tally of a poll: counts, shares and 95% intervals per option, mean and median for scales, the
 * weighted figures beside the unweighted ones when the panel has alignment weights, and warnings.
 *
 * @example
 *   tallyText(results).text; // "Poll: Would you pay? (n=6)\n  yes: 4 (67%, 95% CI 30–90%) · weighted 58% …"
 */
export function tallyText(results: PollResults): PollText {
  const weighted = results.weighted;
  const title = `Poll: ${results.poll.question} (n=${results.n}${weighted ? ', weighted to the panel’s alignment targets' : ''})`;
  const rows = results.options.map((tally) => {
    // SSR counts are sums of probabilities, not whole answers: two decimals are plenty.
    const count = Number.isInteger(tally.count) ? String(tally.count) : tally.count.toFixed(2);
    const row = [tally.option, count, formatShare(tally.share), formatInterval(tally.ci)];
    return weighted ? [...row, formatShare(tally.weightedShare), formatInterval(tally.weightedCi)] : row;
  });
  const lines = rows.map(
    (row) =>
      `  ${row[0]}: ${row[1]} (${row[2]}, 95% CI ${row[3]})${weighted ? ` · weighted ${row[4]} (95% CI ${row[5]})` : ''}`,
  );
  const scale = results.scale;
  if (scale) {
    const unit = unitOf(results);
    lines.push(
      `Mean ${scale.mean.toFixed(2)}${unit}${scale.ci ? ` (95% CI ${formatInterval(scale.ci, false)})` : ''}, median ${number(scale.median)}${unit}, range ${number(scale.min)}–${number(scale.max)}.`,
    );
    if (weighted && scale.weightedMean !== undefined)
      lines.push(
        `Weighted mean ${scale.weightedMean.toFixed(2)}${unit}${scale.weightedCi ? ` (95% CI ${formatInterval(scale.weightedCi, false)})` : ''}.`,
      );
  }
  const warnings = warningLines(results);
  const blocks: Block[] = [{ kind: 'section', text: title }];
  if (rows.length)
    blocks.push({
      kind: 'table',
      columns: ['option', 'count', 'share', '95% CI', ...(weighted ? ['weighted share', 'weighted 95% CI'] : [])],
      rows,
    });
  if (scale) blocks.push({ kind: 'section', text: lines.slice(rows.length).join('\n') });
  blocks.push(...warnings.map((text): Block => ({ kind: 'context', text })));
  return { text: [title, ...lines, ...warnings].join('\n'), blocks };
}

/** Per-segment rows: shares per option for categorical polls, mean/CI/median for scales. */
export function segmentTable(
  results: PollResults,
  breakdown: Breakdown,
): { columns: string[]; rows: string[][]; lines: string[] } {
  const weighted = results.weighted;
  if (results.scale) {
    const unit = unitOf(results);
    const columns = ['segment', 'n', 'mean', '95% CI', 'median', ...(weighted ? ['weighted mean'] : [])];
    const rows = breakdown.segments.map((segment) => {
      const scale = segment.results.scale;
      const row = [
        segment.segment,
        String(segment.n),
        scale ? scale.mean.toFixed(2) : '',
        formatInterval(scale?.ci, false),
        scale ? number(scale.median) : '',
      ];
      return weighted ? [...row, scale?.weightedMean !== undefined ? scale.weightedMean.toFixed(2) : ''] : row;
    });
    const lines = rows.map(
      (row) =>
        `  ${row[0]} (n=${row[1]}): mean ${row[2]}${unit}${row[3] ? ` (95% CI ${row[3]})` : ''}, median ${row[4]}${weighted && row[5] ? `, weighted mean ${row[5]}` : ''}`,
    );
    return { columns, rows, lines };
  }
  const options = results.options.map((tally) => tally.option);
  const rows = breakdown.segments.map((segment) => [
    segment.segment,
    String(segment.n),
    ...options.map((option) => {
      const tally = segment.results.options.find((candidate) => candidate.option === option);
      if (!tally) return '';
      return `${formatShare(tally.share)} (${tally.count})${weighted && tally.weightedShare !== undefined ? ` · w ${formatShare(tally.weightedShare)}` : ''}`;
    }),
  ]);
  const lines = rows.map(
    (row) => `  ${row[0]} (n=${row[1]}): ${options.map((option, index) => `${option} ${row[index + 2]}`).join(', ')}`,
  );
  return { columns: ['segment', 'n', ...options], rows, lines };
}

/** `p = 0.23`, `p = 0.040`, `p < 0.001`. */
export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  // Three decimals near the conventional 0.05 line, so 0.051 never reads as "p = 0.05".
  return `p = ${p < 0.1 ? p.toFixed(3) : p.toFixed(2)}`;
}

/** Conventional size words: Cohen's d 0.2/0.5/0.8, Cramér's V 0.1/0.3/0.5. */
export function effectWord(effect: PollComparison['effectSize']): string {
  const value = Math.abs(effect.value);
  const [small, medium, large] = effect.name === 'cohens-d' ? [0.2, 0.5, 0.8] : [0.1, 0.3, 0.5];
  return value >= large ? 'large' : value >= medium ? 'medium' : value >= small ? 'small' : 'negligible';
}

/**
 * A comparison stated plainly: which test, the p-value, the effect size and a reminder that the panel
 * is synthetic.
 *
 * @example
 *   comparisonLines(comparison)[0]; // "Difference between 18-24 (n=4) and 35-44 (n=5): p = 0.040, medium effect (Cramér's V = 0.21) — synthetic panel, treat as indicative."
 */
export function comparisonLines(comparison: PollComparison): string[] {
  const [a, b] = comparison.groups;
  if ((comparison.test === 'chi-square' && comparison.df === 0) || !Number.isFinite(comparison.pValue)) {
    // The engine returns p = 1 when there is nothing to test; saying "p = 1.00" would suggest a test ran.
    return [
      `No test possible between ${a.label} (n=${a.n}) and ${b.label} (n=${b.n}): they do not vary enough (everyone gave the same answer, or a group is empty) — synthetic panel, treat as indicative.`,
    ];
  }
  const test =
    comparison.test === 'welch-t'
      ? `Welch t-test: t = ${comparison.statistic.toFixed(2)}, df = ${comparison.df.toFixed(1)}`
      : `chi-square test: χ² = ${comparison.statistic.toFixed(2)}, df = ${comparison.df}`;
  const effectName = comparison.effectSize.name === 'cohens-d' ? "Cohen's d" : "Cramér's V";
  const verdict = comparison.pValue < 0.05 ? 'Difference' : 'No clear difference';
  const means =
    comparison.test === 'welch-t' && a.mean !== undefined && b.mean !== undefined
      ? ` (means ${a.mean.toFixed(2)} vs ${b.mean.toFixed(2)})`
      : '';
  return [
    `${verdict} between ${a.label} (n=${a.n}) and ${b.label} (n=${b.n})${means}: ${formatP(comparison.pValue)}, ${effectWord(comparison.effectSize)} effect (${effectName} = ${comparison.effectSize.value.toFixed(2)}) — synthetic panel, treat as indicative.`,
    `Test: ${test}, ${formatP(comparison.pValue)}.`,
    ...comparison.notes.map((note) => `Note: ${note}`),
  ];
}
