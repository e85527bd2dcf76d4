export { renderVegaLitePng, renderVegaLiteSvg, findFontFiles, CHART_FONT, type RenderOptions } from './render.js';
export {
  pollBarChartSpec,
  stackedBySegmentSpec,
  likertDivergingSpec,
  wrapText,
  syntheticSubtitle,
  type ChartOptions,
} from './specs.js';
