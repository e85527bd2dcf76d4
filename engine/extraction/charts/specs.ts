import type { TopLevelSpec } from 'vega-lite';
import { UserInputError } from '../../errors.js';
import type { PollAnswer } from '../polls/ask.js';
import type { PollResults } from '../polls/aggregate.js';
import type { Breakdown } from '../polls/breakdown.js';
import { scaleMidpoint } from '../polls/definition.js';
import { CHART_FONT } from './render.js';

/** Size and labelling of a chart. */
export interface ChartOptions {
  width?: number;
  height?: number;
  /** Use weighted shares when the results have them (default true). */
  weighted?: boolean;
}

/** Splits a long title into lines of about `max` characters (Vega titles accept a line array). */
export function wrapText(text: string, max = 64, maxLines = 3): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && `${line} ${word}`.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) return [...lines.slice(0, maxLines - 1), `${lines[maxLines - 1]}…`];
  return lines;
}

/** "Synthetic panel (simulated personas) · n=20 · weighted", then model and date: the label every chart carries. */
export function syntheticSubtitle(results: PollResults, extra?: string): string[] {
  const first = ['Synthetic panel (simulated personas)', `n=${results.n}`];
  if (extra) first.push(extra);
  const lines = wrapText(first.join(' · '), 100, 2);
  if (results.provenance)
    lines.push(`Model: ${results.provenance.model} · ${results.provenance.generatedAt.slice(0, 10)}`);
  return lines;
}

function frame(results: PollResults, options: ChartOptions, extra?: string) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: options.width ?? 800,
    height: options.height ?? 500,
    autosize: { type: 'fit', contains: 'padding' },
    padding: 16,
    background: 'white',
    title: {
      text: wrapText(results.poll.question),
      subtitle: syntheticSubtitle(results, extra),
      anchor: 'start',
      fontSize: 18,
      subtitleFontSize: 12,
      subtitleColor: '#555',
      offset: 12,
    },
    config: {
      font: CHART_FONT,
      axis: { labelFontSize: 13, titleFontSize: 13, labelLimit: 240, grid: false },
      legend: { labelFontSize: 12, titleFontSize: 12, orient: 'bottom' },
      view: { stroke: null },
    },
  } as const;
}

const percent = (value: number) => `${Math.round(value * 100)}%`;

/**
 * A horizontal bar per option with its share, 95% interval and count; numeric polls get a histogram
 * (pass the answers) or, without them, the mean with its interval.
 *
 * @example
 *   await renderVegaLitePng(pollBarChartSpec(results));
 */
export function pollBarChartSpec(
  results: PollResults,
  options: ChartOptions & { answers?: readonly PollAnswer[] } = {},
): TopLevelSpec {
  const useWeights = (options.weighted ?? true) && results.weighted;
  if (results.poll.kind === 'numeric') return numericSpec(results, options);
  const rows = results.options.map((tally) => {
    const share = useWeights ? (tally.weightedShare ?? tally.share) : tally.share;
    const ci = useWeights ? (tally.weightedCi ?? tally.ci) : tally.ci;
    return { option: tally.option, share, low: ci.low, high: ci.high, label: `${percent(share)} (${tally.count})` };
  });
  const order = rows.map((row) => row.option);
  const y = { field: 'option', type: 'nominal', sort: order, title: null };
  return {
    ...frame(results, options, useWeights ? 'weighted' : undefined),
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', color: '#4C78A8', cornerRadiusEnd: 3 },
        encoding: {
          y,
          x: {
            field: 'share',
            type: 'quantitative',
            title: 'share of answers (lines: 95% CI)',
            axis: { format: '.0%' },
            scale: { domain: [0, 1] },
          },
        },
      },
      {
        mark: { type: 'rule', color: '#333', strokeWidth: 1.5 },
        encoding: { y, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 13, color: '#222' },
        encoding: { y, x: { field: 'high', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  } as TopLevelSpec;
}

function numericSpec(results: PollResults, options: ChartOptions & { answers?: readonly PollAnswer[] }): TopLevelSpec {
  if (options.answers?.length) {
    return {
      ...frame(results, options),
      data: { values: options.answers.map((answer) => ({ value: Number(answer.value) })) },
      mark: { type: 'bar', color: '#4C78A8' },
      encoding: {
        x: {
          field: 'value',
          type: 'quantitative',
          bin: { maxbins: 12 },
          title: results.poll.kind === 'numeric' && results.poll.unit ? results.poll.unit : 'answer',
        },
        y: { aggregate: 'count', type: 'quantitative', title: 'answers' },
      },
    } as TopLevelSpec;
  }
  const scale = results.scale;
  if (!scale)
    throw new UserInputError(
      'chart.no_answers',
      'There are no answers to chart yet.',
      'run the poll first, then chart it',
    );
  const rows = [
    { option: 'mean', value: scale.mean, low: scale.ci?.low ?? scale.mean, high: scale.ci?.high ?? scale.mean },
  ];
  return {
    ...frame(results, options),
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', color: '#4C78A8' },
        encoding: {
          y: { field: 'option', type: 'nominal', title: null },
          x: { field: 'value', type: 'quantitative', title: 'mean (95% CI)' },
        },
      },
      {
        mark: { type: 'rule', color: '#333' },
        encoding: {
          y: { field: 'option', type: 'nominal' },
          x: { field: 'low', type: 'quantitative' },
          x2: { field: 'high' },
        },
      },
    ],
  } as TopLevelSpec;
}

/**
 * One 100% bar per segment, stacked by option: how answers differ across e.g. age bands.
 *
 * @example
 *   stackedBySegmentSpec(results, breakdownPoll(poll, answers, specs, 'age-band'));
 */
export function stackedBySegmentSpec(
  results: PollResults,
  breakdown: Breakdown,
  options: ChartOptions = {},
): TopLevelSpec {
  const order = results.options.map((tally) => tally.option);
  const rows = breakdown.segments.flatMap((segment) =>
    segment.results.options.map((tally, index) => ({
      segment: `${segment.segment} (n=${segment.n})`,
      option: tally.option,
      order: index,
      count: tally.count,
      share: tally.share,
    })),
  );
  return {
    ...frame(results, options, `by ${breakdown.dimension}`),
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'segment', type: 'nominal', title: breakdown.dimension, sort: null },
      x: {
        field: 'count',
        type: 'quantitative',
        stack: 'normalize',
        title: 'share of selections',
        axis: { format: '.0%' },
      },
      color: { field: 'option', type: 'nominal', scale: { domain: order, scheme: 'tableau10' }, title: null },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [{ field: 'option' }, { field: 'count' }],
    },
  } as TopLevelSpec;
}

/**
 * Likert diverging bars: disagreement to the left of zero, agreement to the right, the midpoint split
 * across it; one bar overall or per segment.
 *
 * @example
 *   likertDivergingSpec(results, breakdown);
 */
export function likertDivergingSpec(
  results: PollResults,
  breakdown?: Breakdown,
  options: ChartOptions = {},
): TopLevelSpec {
  const poll = results.poll;
  if (poll.kind !== 'likert')
    throw new UserInputError(
      'chart.not_likert',
      'Diverging bars are for Likert polls.',
      "{ kind: 'likert', question: 'I would recommend it', points: 5 }",
    );
  const mid = scaleMidpoint(poll.points);
  const groups = breakdown
    ? breakdown.segments.map((segment) => ({ label: `${segment.segment} (n=${segment.n})`, results: segment.results }))
    : [{ label: `all (n=${results.n})`, results }];
  const rows = groups.flatMap((group) => {
    const shares = group.results.options.map((tally) => tally.share);
    const below = shares.filter((_, index) => index + 1 < mid).reduce((sum, share) => sum + share, 0);
    const middle = Number.isInteger(mid) ? shares[mid - 1] : 0;
    let start = -(below + middle / 2);
    return group.results.options.map((tally, index) => {
      const row = {
        group: group.label,
        rating: tally.option,
        start,
        end: start + shares[index],
        order: index,
        label: tally.count ? percent(tally.share) : '',
      };
      start += shares[index];
      return row;
    });
  });
  const labels = poll.labels;
  const domain = Array.from({ length: poll.points }, (_, index) => String(index + 1));
  return {
    ...frame(results, options, `1 = ${labels.low}, ${poll.points} = ${labels.high}`),
    data: { values: rows },
    layer: divergingLayers(domain),
  } as TopLevelSpec;
}

/**
 * The layers of a diverging Likert chart over rows `{ group, rating, start, end }` (shares placed around
 * the midpoint, disagreement left of 0): one bar per rating coloured red to blue, and the zero rule.
 */
export function divergingLayers(ratings: readonly string[]) {
  return [
    {
      mark: { type: 'bar' as const },
      encoding: {
        y: { field: 'group', type: 'nominal' as const, title: null, sort: null },
        x: {
          field: 'start',
          type: 'quantitative' as const,
          title: '← disagree · share of answers · agree →',
          axis: { format: '.0%' },
          scale: { domain: [-1, 1] },
        },
        x2: { field: 'end' },
        color: {
          field: 'rating',
          type: 'ordinal' as const,
          scale: { domain: [...ratings], scheme: 'redblue' as const },
          title: 'rating',
        },
      },
    },
    { mark: { type: 'rule' as const, color: '#333' }, encoding: { x: { datum: 0, type: 'quantitative' as const } } },
  ];
}
