import type { TopLevelSpec } from 'vega-lite';
import {
  CHART_FONT,
  likertDivergingSpec,
  pollBarChartSpec,
  stackedBySegmentSpec,
  syntheticSubtitle,
  wrapText,
} from '../../engine/extraction/charts/index.js';
import type { Breakdown, PollAnswer, PollResults } from '../../engine/extraction/polls/index.js';

/** A chart to post: its Vega-Lite spec and the alt text a screen reader gets. */
export interface PollChart {
  spec: TopLevelSpec;
  altText: string;
}

/**
 * The main chart of a poll: Likert diverging bars for Likert polls, bars with intervals (a histogram
 * for numbers) for the rest.
 *
 * @example
 *   await renderVegaLitePng(mainPollChart(results, run.answers).spec);
 */
export function mainPollChart(results: PollResults, answers: readonly PollAnswer[]): PollChart {
  const question = `"${results.poll.question}"`;
  if (results.poll.kind === 'likert') {
    return {
      spec: likertDivergingSpec(results),
      altText: `Diverging bar chart of ${results.n} synthetic ratings (1–${results.poll.points}) of ${question}`,
    };
  }
  return {
    spec: pollBarChartSpec(results, { answers }),
    altText: `${results.poll.kind === 'numeric' ? 'Histogram' : 'Bar chart'} of ${results.n} synthetic answers to ${question}`,
  };
}

/** The breakdown chart: diverging bars per segment (Likert), segment means (numbers), or stacked bars. */
export function segmentPollChart(results: PollResults, breakdown: Breakdown): PollChart {
  const what = `of ${results.n} synthetic answers to "${results.poll.question}" by ${breakdown.dimension}`;
  if (results.poll.kind === 'likert')
    return { spec: likertDivergingSpec(results, breakdown), altText: `Diverging bar chart ${what}` };
  if (results.poll.kind === 'numeric')
    return { spec: segmentMeansSpec(results, breakdown), altText: `Mean per segment ${what}` };
  return { spec: stackedBySegmentSpec(results, breakdown), altText: `Stacked bar chart ${what}` };
}

/** One bar per segment at its mean with the 95% interval: the engine charts a number poll only overall. */
function segmentMeansSpec(results: PollResults, breakdown: Breakdown): TopLevelSpec {
  const unit = results.poll.kind === 'numeric' && results.poll.unit ? ` (${results.poll.unit})` : '';
  const rows = breakdown.segments
    .filter((segment) => segment.results.scale)
    .map((segment) => {
      const scale = segment.results.scale!;
      return {
        segment: `${segment.segment} (n=${segment.n})`,
        mean: scale.mean,
        low: scale.ci?.low ?? scale.mean,
        high: scale.ci?.high ?? scale.mean,
      };
    });
  const y = { field: 'segment', type: 'nominal', title: breakdown.dimension, sort: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 800,
    height: 500,
    autosize: { type: 'fit', contains: 'padding' },
    padding: 16,
    background: 'white',
    title: {
      text: wrapText(results.poll.question),
      subtitle: syntheticSubtitle(results, `by ${breakdown.dimension}`),
      anchor: 'start',
      fontSize: 18,
      subtitleFontSize: 12,
      subtitleColor: '#555',
      offset: 12,
    },
    config: {
      font: CHART_FONT,
      axis: { labelFontSize: 13, titleFontSize: 13, labelLimit: 240, grid: false },
      view: { stroke: null },
    },
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', color: '#4C78A8' },
        encoding: { y, x: { field: 'mean', type: 'quantitative', title: `mean${unit} (lines: 95% CI)` } },
      },
      {
        mark: { type: 'rule', color: '#333', strokeWidth: 1.5 },
        encoding: { y, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } },
      },
    ],
  } as TopLevelSpec;
}
