import type { TopLevelSpec } from 'vega-lite';
import { divergingLayers } from '../../engine/extraction/charts/specs.js';
import type { PeopleComparison } from '../../engine/extraction/polls/index.js';
import type { Block } from '../reply.js';

const pct = (share: number) => `${Math.round(share * 100)}%`;
const pts = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(Math.round(value * 100))}`;
const num = (value: number, digits = 2) => value.toFixed(digits);

/** The people-beside-panel result as text (always readable) and blocks (a table an adapter can render). */
export function peopleResultText(result: PeopleComparison): { text: string; blocks: Block[] } {
  const { comparison } = result;
  const header = `People beside the panel: ${result.poll.question}`;
  const counts = `panel n = ${comparison.first.n} · people n = ${comparison.second.n}`;
  const rows = comparison.differences.map((entry) => [
    entry.option,
    pct(entry.firstShare),
    pct(entry.secondShare),
    Number.isFinite(entry.low)
      ? `${pts(entry.difference)} pts (${pts(entry.low)} to ${pts(entry.high)})`
      : `${pts(entry.difference)} pts`,
  ]);
  const figures: string[] = [];
  if (comparison.jsd === null) figures.push('Nobody voted, so there is nothing to compare yet.');
  else {
    figures.push(`Jensen-Shannon distance ${num(comparison.jsd)} (0 = same distribution, 1 = no overlap)`);
    if (comparison.ordinal && comparison.wasserstein != null)
      figures.push(
        `Wasserstein ${num(comparison.wasserstein)} scale points · KS similarity ${num(comparison.ksSimilarity ?? 0)}`,
      );
    if (comparison.meanDifference)
      figures.push(
        `mean difference (panel − people) ${num(comparison.meanDifference.difference)} (95% CI ${num(comparison.meanDifference.low)} to ${num(comparison.meanDifference.high)})`,
      );
  }
  const segments = result.divergentSegments.length
    ? `Panel segments furthest from the people: ${result.divergentSegments
        .map((entry) => `${entry.dimension} ${entry.segment} (n = ${entry.n}, JSD ${num(entry.jsd)})`)
        .join('; ')}.`
    : '';
  const caution =
    comparison.second.n > 0 && comparison.second.n < 10
      ? `Only ${comparison.second.n} people voted: the intervals are wide, read the difference as directional.`
      : '';
  const columns = ['option', 'panel', 'people', 'difference, panel − people (95% CI)'];
  const table = [columns, ...rows].map((row) => row.join(' | ')).join('\n');
  const text = [header, counts, table, figures.join('\n'), segments, caution].filter(Boolean).join('\n');
  const blocks: Block[] = [
    { kind: 'section', text: `*${header}*\n${counts}` },
    { kind: 'table', columns, rows },
    ...(figures.length ? [{ kind: 'section' as const, text: figures.join('\n') }] : []),
    ...(segments ? [{ kind: 'section' as const, text: segments }] : []),
    ...(caution ? [{ kind: 'context' as const, text: caution }] : []),
    { kind: 'context', text: 'Panel: synthetic personas · People: votes in this channel (platform user ids only)' },
  ];
  return { text, blocks };
}

/**
 * Paired bars (panel beside people per option) or, for Likert, diverging bars of both groups.
 *
 * @example
 *   await renderVegaLitePng(peopleResultChart(result));
 */
export function peopleResultChart(
  result: PeopleComparison,
  subtitle = 'Synthetic panel beside the people of this channel',
): { spec: TopLevelSpec; altText: string } {
  const { comparison, poll } = result;
  const groups = [
    { label: `${comparison.first.label} (n=${comparison.first.n})`, shares: comparison.first.shares },
    { label: `${comparison.second.label} (n=${comparison.second.n})`, shares: comparison.second.shares },
  ];
  const title = {
    text: poll.question.length > 64 ? `${poll.question.slice(0, 63)}…` : poll.question,
    subtitle,
    anchor: 'start',
    fontSize: 18,
    subtitleFontSize: 12,
  };
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 800,
    height: 360,
    autosize: { type: 'fit', contains: 'padding' },
    padding: 16,
    background: 'white',
    title,
  };
  if (poll.kind === 'likert') {
    const mid = (poll.points + 1) / 2;
    const rows = groups.flatMap((group) => {
      const below = group.shares.filter((_, index) => index + 1 < mid).reduce((sum, share) => sum + share, 0);
      let start = -(below + (Number.isInteger(mid) ? group.shares[mid - 1] : 0) / 2);
      return group.shares.map((share, index) => {
        const row = { group: group.label, rating: String(index + 1), start, end: start + share };
        start += share;
        return row;
      });
    });
    const domain = comparison.options;
    return {
      altText: `Diverging bars of the ${comparison.first.label}'s and the ${comparison.second.label}'s ratings (1–${poll.points}) of "${poll.question}"`,
      spec: {
        ...base,
        data: { values: rows },
        layer: divergingLayers(domain),
      } as TopLevelSpec,
    };
  }
  const rows = groups.flatMap((group) =>
    comparison.options.map((option, index) => ({ option, group: group.label, share: group.shares[index] })),
  );
  return {
    altText: `Paired bars of the ${comparison.first.label}'s and the ${comparison.second.label}'s answers to "${poll.question}"`,
    spec: {
      ...base,
      data: { values: rows },
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'option', type: 'nominal', sort: null, title: null },
        xOffset: { field: 'group', sort: null },
        y: { field: 'share', type: 'quantitative', axis: { format: '.0%' }, title: 'share of answers' },
        color: { field: 'group', type: 'nominal', sort: null, scale: { range: ['#7c5cff', '#f28e2b'] }, title: null },
      },
    } as TopLevelSpec,
  };
}
