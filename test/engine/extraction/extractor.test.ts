import { describe, expect, it } from 'vitest';
import type { ActingAgent } from '../../../engine/agent/agent-port.js';
import type { WorldEvent } from '../../../engine/agent/events.js';
import type { WorldView } from '../../../engine/world/world-port.js';
import { UserInputError } from '../../../engine/errors.js';
import {
  FocusGroupSummarySchema,
  IdeaListSchema,
  ResultsExtractor,
  extractIdeas,
  summarizeFocusGroup,
  type FocusGroupSummary,
} from '../../../engine/extraction/index.js';
import { countTokens } from '../../../engine/llm/tokens.js';
import { countMessageTokens } from '../../../engine/llm/tokens.js';
import { extractionScript, transcriptSummary } from '../../doubles/extraction-script.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';
import { SPEAKERS, focusGroupEvents, saidBy } from './fixtures.js';

const extractionModel = (overrides: ConstructorParameters<typeof ScriptedModel>[0] = {}) =>
  new ScriptedModel({ ...extractionScript(), ...overrides });

const NOW = () => new Date('2025-01-02T03:04:05.000Z');

function allQuotes(summary: FocusGroupSummary) {
  return summary.themes.flatMap((theme) => theme.quotes);
}

/** Quoted spans inside the free-text sections (agreements … recommendations, objections). */
function inlineQuotes(summary: FocusGroupSummary): string[] {
  const texts = [
    ...summary.agreements,
    ...summary.disagreements,
    ...summary.surprises,
    ...summary.recommendations,
    ...summary.objections.map((objection) => objection.objection),
  ];
  return texts.flatMap((text) => [...text.matchAll(/[“"]([^”"]+)[”"]/g)].map((match) => match[1]));
}

describe('summarizeFocusGroup', () => {
  it('returns a schema-valid summary whose every quote was said by its persona, with provenance', async () => {
    const events = focusGroupEvents();
    const model = extractionModel();
    const result = await summarizeFocusGroup(new ResultsExtractor({ model, now: NOW }), {
      source: events,
      panel: 'Meal-kit panel',
    });
    expect(FocusGroupSummarySchema.safeParse(result.summary).success).toBe(true);
    const quotes = allQuotes(result.summary);
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes)
      expect(saidBy(events, quote.persona, quote.text), `${quote.persona}: ${quote.text}`).toBe(true);
    const inline = inlineQuotes(result.summary);
    expect(inline.length).toBeGreaterThan(0);
    const checked = quotes.length + inline.length;
    expect(result.quoteCheck).toMatchObject({ checked, verified: checked, dropped: 0 });
    expect(result.provenance).toEqual({
      synthetic: true,
      model: model.name,
      generatedAt: '2025-01-02T03:04:05.000Z',
      panel: 'Meal-kit panel',
    });
    expect(result.calls).toBe(1);
  });

  it("drops an invented quote and repairs a paraphrase to the persona's real sentence", async () => {
    const events = focusGroupEvents();
    const model = extractionModel({
      'extraction.extract': (request) => {
        const summary = transcriptSummary(request);
        summary.themes.push({
          theme: 'Invented',
          description: 'quotes the model made up',
          quotes: [
            { persona: 'Lisa Carter', text: 'I would happily pay fifty dollars a meal.' },
            { persona: 'Maya', text: 'packaging waste is my biggest worry' },
            { persona: 'Nobody Real', text: 'This never happened.' },
          ],
        });
        return summary;
      },
    });
    const result = await summarizeFocusGroup(new ResultsExtractor({ model }), { source: events });
    const invented = result.summary.themes.find((theme) => theme.theme === 'Invented');
    // Lisa's made-up sentence shares almost no words with anything she said → dropped; "Nobody Real" never spoke → dropped;
    // Maya's paraphrase is repaired to her real sentence.
    expect(invented?.quotes).toEqual([
      { persona: 'Maya Chen', text: 'Honestly the packaging waste is my biggest concern.' },
    ]);
    expect(result.quoteCheck.dropped).toBe(2);
    expect(result.quoteCheck.repaired).toBe(1);
    for (const quote of allQuotes(result.summary)) expect(saidBy(events, quote.persona, quote.text)).toBe(true);
  });

  it('with the drop policy removes the paraphrase too', async () => {
    const events = focusGroupEvents();
    const model = extractionModel({
      'extraction.extract': (request) => ({
        ...transcriptSummary(request),
        themes: [
          {
            theme: 'Waste',
            description: '',
            quotes: [{ persona: 'Maya Chen', text: 'packaging waste is my biggest worry' }],
          },
        ],
        agreements: [],
        disagreements: [],
        surprises: [],
        objections: [],
        recommendations: [],
      }),
    });
    const result = await summarizeFocusGroup(new ResultsExtractor({ model }), { source: events, quotePolicy: 'drop' });
    expect(result.summary.themes[0].quotes).toEqual([]);
    expect(result.quoteCheck).toEqual({ checked: 1, verified: 0, repaired: 0, dropped: 1 });
  });

  it('map-reduces a transcript longer than the chunk budget and still quotes only real sentences', async () => {
    const events = focusGroupEvents(6);
    const model = extractionModel();
    const extractor = new ResultsExtractor({ model, chunkTokens: 400 });
    const result = await summarizeFocusGroup(extractor, { source: events });
    const maps = model.calls('extraction.map').length;
    expect(maps).toBe(result.chunks);
    expect(maps).toBeGreaterThan(1);
    expect(model.calls('extraction.reduce').length).toBeGreaterThanOrEqual(1);
    expect(model.calls('extraction.extract').length).toBe(0);
    expect(result.calls).toBe(maps + model.calls('extraction.reduce').length);
    // No single call carried the whole transcript: each map prompt stays near the budget (prompt text adds ~250 tokens).
    const whole = countTokens(events.map((event) => event.content).join('\n'));
    for (const request of model.calls('extraction.map'))
      expect(countMessageTokens(request.messages)).toBeLessThan(Math.min(whole, 400 + 400));
    for (const quote of allQuotes(result.summary)) expect(saidBy(events, quote.persona, quote.text)).toBe(true);
    expect(allQuotes(result.summary).length).toBeGreaterThan(0);
  });
});

describe('extractIdeas', () => {
  it('lists ideas from actual TALKs with proposers who spoke and support counts', async () => {
    const events = focusGroupEvents();
    const result = await extractIdeas(new ResultsExtractor({ model: extractionModel() }), { source: events });
    expect(IdeaListSchema.safeParse({ ideas: result.ideas }).success).toBe(true);
    expect(result.ideas.length).toBeGreaterThanOrEqual(2);
    for (const idea of result.ideas) {
      expect(SPEAKERS).toContain(idea.proposedBy);
      expect(saidBy(events, idea.proposedBy, idea.description)).toBe(true);
      expect(idea.supportCount).toBeGreaterThanOrEqual(1);
    }
    expect(result.ideas.map((idea) => idea.proposedBy)).toEqual(SPEAKERS);
    expect(result.unknownProposers).toBe(0);
  });

  it('marks a proposer who never spoke as unknown', async () => {
    const model = extractionModel({
      'extraction.extract': () => ({
        ideas: [{ name: 'Ghost idea', description: 'x', proposedBy: 'Ghost', supportCount: 3 }],
      }),
    });
    const result = await extractIdeas(new ResultsExtractor({ model }), { source: focusGroupEvents() });
    expect(result.ideas[0].proposedBy).toBe('unknown');
    expect(result.unknownProposers).toBe(1);
  });
});

describe('ResultsExtractor generic fields and sources', () => {
  const events = focusGroupEvents();
  const agentFor = (name: string): ActingAgent =>
    ({ name, trajectory: () => events.filter((event) => event.agent === name) }) as unknown as ActingAgent;
  const world = {
    name: 'w',
    agents: SPEAKERS.map(agentFor),
    broadcast: () => undefined,
    trajectory: () => events,
    getAgent: () => undefined,
    currentTime: new Date(),
  } as unknown as WorldView;

  it('builds a zod schema from fields and fills it from the transcript', async () => {
    const answer = {
      priceConcern: 'twelve dollars a meal',
      mentions: 4,
      quotes: ['a', 'b'],
      anyoneMentionsPrice: true,
    };
    const model = extractionModel({ 'extraction.extract': answer });
    const extractor = new ResultsExtractor({ model });
    const { value } = await extractor.extract({
      source: world,
      objective: 'What do people say about price?',
      fields: [
        { name: 'priceConcern', hint: 'the main price concern' },
        { name: 'mentions', type: 'number', hint: 'price mentions' },
        { name: 'quotes', type: 'string[]' },
        { name: 'anyoneMentionsPrice', type: 'boolean' },
      ],
    });
    expect(value).toEqual(answer);
    // The schema sent with the request is the one the fields describe: each value of its type.
    const schema = model.calls('extraction.extract')[0].schema;
    expect(schema.safeParse({ ...answer, mentions: 'four' }).success).toBe(false);
    expect(schema.safeParse({ ...answer, quotes: 'a' }).success).toBe(false);
    expect(schema.safeParse({ ...answer, anyoneMentionsPrice: 'yes' }).success).toBe(false);
  });

  it('reads one agent, several agents (merged and de-duplicated by seq) and a world the same way', async () => {
    const model = extractionModel({ 'extraction.extract': { main: 'x' } });
    const extractor = new ResultsExtractor({ model });
    const fromAgents = await extractor.extract({ source: SPEAKERS.map(agentFor), objective: 'x', fields: ['main'] });
    const fromWorld = await extractor.extract({ source: world, objective: 'x', fields: ['main'] });
    expect(fromAgents.lines.map((line) => line.rendered)).toEqual(fromWorld.lines.map((line) => line.rendered));
    // 4 facilitator questions + 8 TALKs; deliveries of TALKs are not repeated as lines.
    expect(fromWorld.lines.filter((line) => line.type === 'TALK')).toHaveLength(8);
    const single = await extractor.extract({ source: agentFor('Lisa Carter'), objective: 'x', fields: ['main'] });
    expect(new Set(single.lines.map((line) => line.speaker))).toEqual(new Set(SPEAKERS.concat('facilitator')));
  });

  it('puts the brief first and the transcript last in the prompt', async () => {
    const model = extractionModel({ 'extraction.extract': { concern: 'price' } });
    await new ResultsExtractor({ model }).extract({
      source: events,
      objective: 'Find the price concern',
      situation: 'meal-kit test',
      fields: [{ name: 'concern', hint: 'one sentence' }],
    });
    const user = model.requests[0].messages[1].content;
    expect(
      user.startsWith(
        'Objective: Find the price concern\nSituation: meal-kit test\nFields to fill:\n- concern (string): one sentence\n\nTranscript:\n[1] facilitator (CONVERSATION): "What do you think',
      ),
    ).toBe(true);
    expect(
      user.endsWith(
        '[40] Tom Becker (TALK): "Skipping ingredients is smart. My kids hate mushrooms, so that would keep them eating."',
      ),
    ).toBe(true);
    expect(model.requests[0].messages[0].content).toMatch(/verbatim/);
  });

  it('refuses a request with neither fields nor schema', async () => {
    const model = extractionModel();
    const extractor = new ResultsExtractor({ model });
    await expect(extractor.extract({ source: [] as WorldEvent[], objective: 'x' })).rejects.toBeInstanceOf(
      UserInputError,
    );
    expect(model.requests).toHaveLength(0);
  });
});
