import type { TopLevelSpec } from 'vega-lite';
import type { OpinionShift } from '../../engine/extraction/polls/index.js';
import type { PollChart } from '../extraction/poll-charts.js';

const pct = (share: number) => `${Math.round(share * 100)}%`;
const pValue = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);
const tally = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([option, count]) => `${option}: ${count}`)
    .join(', ') || 'none';

/** The opinion-shift report as lines of text (first answers were independent, final ones after the discussion). */
export function opinionShiftLines(
  shift: OpinionShift,
  rounds: number,
  texts?: ReadonlyMap<string, { first?: string; final?: string }>,
): string[] {
  const changed = shift.pairs.filter((pair) => pair.changed).length;
  const center =
    typeof shift.firstCenter === 'number'
      ? `the first median (${shift.firstCenter})`
      : `the first majority (“${shift.firstCenter}”)`;
  const lines = [
    `Opinion shift after ${rounds} round${rounds === 1 ? '' : 's'} of discussion (first answers given independently, final answers again without seeing the others):`,
    `• Changed their answer: ${changed} of ${shift.pairs.length} (${pct(shift.changedShare)}) — ${shift.toward} toward ${center}, ${shift.away} away.`,
    `• Before: ${tally(shift.distribution.before)} → after: ${tally(shift.distribution.after)}${shift.meanBefore !== undefined ? ` (mean ${shift.meanBefore.toFixed(2)} → ${shift.meanAfter?.toFixed(2)})` : ''}.`,
    `• Spread (${typeof shift.firstCenter === 'number' ? 'standard deviation' : 'normalized entropy'}): ${shift.spread.before.toFixed(2)} → ${shift.spread.after.toFixed(2)}${shift.herding ? ' — ⚠️ herding: the discussion collapsed the spread of opinion to half or less.' : ' — no herding flag.'}`,
  ];
  if (shift.test?.name === 'mcnemar')
    lines.push(
      `• McNemar (exact, paired): ${shift.test.noToYes} went no → yes, ${shift.test.yesToNo} yes → no, ${pValue(shift.test.p)}.`,
    );
  if (shift.test?.name === 'wilcoxon')
    lines.push(
      `• Wilcoxon signed-rank (paired, ${shift.test.method}): W = ${shift.test.statistic}, n = ${shift.test.n} changed, ${pValue(shift.test.p)}, rank-biserial r = ${shift.test.rankBiserial.toFixed(2)}.`,
    );
  lines.push(...shift.notes.map((note) => `• ${note}`), 'Per persona (first → final):');
  for (const pair of shift.pairs) {
    const said = texts?.get(pair.personaName);
    const quotes = said
      ? ` — first: “${(said.first ?? '').slice(0, 120)}” final: “${(said.final ?? '').slice(0, 120)}”`
      : '';
    lines.push(
      `  ${pair.personaName}: ${pair.first} → ${pair.final}${pair.changed ? ` (changed, ${pair.direction})` : ''}${quotes}`,
    );
  }
  return lines;
}

/** Grouped bars: how many gave each answer first and finally. */
export function opinionShiftChart(shift: OpinionShift, question: string): PollChart {
  const options = [
    ...new Set([...Object.keys(shift.distribution.before), ...Object.keys(shift.distribution.after)]),
  ].sort((a, b) => (Number.isFinite(Number(a)) && Number.isFinite(Number(b)) ? Number(a) - Number(b) : a < b ? -1 : 1));
  const values = options.flatMap((answer) => [
    { answer, round: '1 first (independent)', count: shift.distribution.before[answer] ?? 0 },
    { answer, round: '2 final (after discussion)', count: shift.distribution.after[answer] ?? 0 },
  ]);
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: `Before and after discussion: ${question.slice(0, 80)}`, subtitle: 'Synthetic panel' },
    width: 480,
    height: 240,
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'answer', type: 'nominal', sort: options, title: 'Answer' },
      xOffset: { field: 'round' },
      y: { field: 'count', type: 'quantitative', title: 'Personas' },
      color: { field: 'round', type: 'nominal', title: null },
    },
  } as unknown as TopLevelSpec;
  return {
    spec,
    altText: `Grouped bar chart of ${shift.pairs.length} synthetic answers to "${question}" before and after discussion`,
  };
}
