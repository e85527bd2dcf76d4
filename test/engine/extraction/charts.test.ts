import { describe, expect, it } from 'vitest';
import {
  aggregatePoll,
  breakdownPoll,
  likertDivergingSpec,
  makeProvenance,
  parsePoll,
  pollBarChartSpec,
  renderVegaLitePng,
  renderVegaLiteSvg,
  stackedBySegmentSpec,
  type PollAnswer,
} from '../../../engine/extraction/index.js';
import type { PersonaSpec } from '../../../engine/agent/persona-spec.js';
import { countColor, decodePng, inkShare } from './png.js';

const provenance = makeProvenance('test-model', 'Chart panel', new Date('2025-05-01T00:00:00Z'));
const answers = (values: PollAnswer['value'][]): PollAnswer[] =>
  values.map((value, index) => ({ personaId: `p${index}`, personaName: `P${index}`, value, reason: 'r' }));
const specs: Record<string, PersonaSpec> = Object.fromEntries(
  Array.from({ length: 12 }, (_, index) => [`p${index}`, { name: `P${index}`, age: 20 + index * 4 }]),
);

describe('charts', () => {
  const choice = parsePoll({
    kind: 'single-choice',
    question: 'Which name do you prefer for the meal-kit service?',
    options: ['Nova', 'Orbit', 'Basket'],
  });
  const choiceAnswers = answers([
    'Nova',
    'Nova',
    'Orbit',
    'Nova',
    'Basket',
    'Orbit',
    'Nova',
    'Nova',
    'Orbit',
    'Basket',
    'Nova',
    'Orbit',
  ]);
  const choiceResults = aggregatePoll(choice, choiceAnswers, { provenance });

  it('renders a bar chart PNG at chat size with visible bars in the bar colour', async () => {
    const png = decodePng(await renderVegaLitePng(pollBarChartSpec(choiceResults)));
    expect([png.width, png.height]).toEqual([800, 500]);
    expect(countColor(png, [0x4c, 0x78, 0xa8])).toBeGreaterThan(5000);
    expect(inkShare(png)).toBeGreaterThan(0.05);
    expect(inkShare(png)).toBeLessThan(0.9);
  });

  it('labels the chart with the question and "Synthetic panel"', async () => {
    const svg = await renderVegaLiteSvg(pollBarChartSpec(choiceResults));
    expect(svg).toContain('Synthetic panel');
    expect(svg).toContain('Which name do you prefer');
    expect(svg).toContain('test-model');
  });

  it('renders stacked bars by segment and Likert diverging bars', async () => {
    const breakdown = breakdownPoll(choice, choiceAnswers, specs, 'age-band');
    const stacked = decodePng(
      await renderVegaLitePng(stackedBySegmentSpec(choiceResults, breakdown, { width: 700, height: 420 })),
    );
    expect([stacked.width, stacked.height]).toEqual([700, 420]);
    expect(inkShare(stacked)).toBeGreaterThan(0.1);
    const likert = parsePoll({ kind: 'likert', question: 'I would order a meal kit every week.' });
    const likertAnswers = answers([1, 2, 2, 3, 3, 4, 4, 4, 5, 5, 1, 3]);
    const likertResults = aggregatePoll(likert, likertAnswers, { provenance });
    const svg = await renderVegaLiteSvg(
      likertDivergingSpec(likertResults, breakdownPoll(likert, likertAnswers, specs, 'age-band')),
    );
    expect(svg).toContain('Synthetic panel');
    const png = decodePng(await renderVegaLitePng(likertDivergingSpec(likertResults)));
    expect([png.width, png.height]).toEqual([800, 500]);
    expect(inkShare(png)).toBeGreaterThan(0.05);
  });

  it('still draws the bars when no font is available (text is then missing, so there is less ink)', async () => {
    const withFonts = decodePng(await renderVegaLitePng(pollBarChartSpec(choiceResults)));
    const png = decodePng(
      await renderVegaLitePng(pollBarChartSpec(choiceResults), { fontFiles: [], loadSystemFonts: false }),
    );
    expect(countColor(png, [0x4c, 0x78, 0xa8])).toBeGreaterThan(5000);
    expect(inkShare(png)).toBeLessThan(inkShare(withFonts));
  });

  it('refuses diverging bars for a non-Likert poll', () => {
    expect(() => likertDivergingSpec(choiceResults)).toThrow(/Likert/);
  });
});
