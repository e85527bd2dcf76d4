import { describe, expect, it } from 'vitest';
import { planPopulation } from '../../engine/factory/sampling-space.js';
import { runPoll } from '../../engine/extraction/polls/ask.js';
import { ResultsExtractor, extractIdeas, summarizeFocusGroup } from '../../engine/extraction/index.js';
import { jsonSchemaOf } from '../../engine/llm/response-format.js';
import type { CompletionRequest } from '../../engine/llm/port.js';
import { batchScoresSchema } from '../../engine/validation/batched-judge.js';
import { PropositionScoreSchema } from '../../engine/validation/proposition.js';
import { ScriptedModel } from '../doubles/scripted-model.js';
import { SPEAKERS, focusGroupEvents } from './extraction/fixtures.js';

type Json = Record<string, unknown>;

/** The JSON schema a request sends to the provider (what `OpenAICompatibleModel` puts in `response_format`). */
const wire = (request: CompletionRequest<unknown>) => jsonSchemaOf(request.providerSchema ?? request.schema) as Json;

/** The sub-schema at a path of property names (`[]` steps into array items). */
function at(schema: Json, path: string[]): Json {
  let node = schema;
  for (const step of path) node = (step === '[]' ? node.items : (node.properties as Json)[step]) as Json;
  return node;
}

describe('structured outputs constrain every closed set in the schema sent to the provider', () => {
  it('a Likert poll: the rating is an enum of the scale points', async () => {
    const model = new ScriptedModel({ 'poll.answer': { rating: 4, reason: 'Fair price.' } });
    await runPoll({
      personas: [{ id: 'p1', name: 'Ada', spec: { name: 'Ada' } }],
      poll: { kind: 'likert', question: 'How likely?', points: 7 },
      model,
    });
    expect(at(wire(model.requests[0]), ['rating']).enum).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('a choice poll: the choice is an enum of the options', async () => {
    const model = new ScriptedModel({ 'poll.answer': { choice: 'Bus', reason: 'Cheap.' } });
    await runPoll({
      personas: [{ id: 'p1', name: 'Ada', spec: { name: 'Ada' } }],
      poll: { kind: 'single-choice', question: 'How?', options: ['Bus', 'Car'] },
      model,
    });
    expect(at(wire(model.requests[0]), ['choice']).enum).toEqual(['Bus', 'Car']);
  });

  it('a summary: quote and objection personas are enums of the transcript’s speakers', async () => {
    const model = new ScriptedModel({
      'extraction.extract': {
        overview: 'x',
        themes: [],
        agreements: [],
        disagreements: [],
        surprises: [],
        objections: [],
        recommendations: [],
      },
    });
    await summarizeFocusGroup(new ResultsExtractor({ model }), { source: focusGroupEvents() });
    const schema = wire(model.requests[0]);
    expect(at(schema, ['themes', '[]', 'quotes', '[]', 'persona']).enum).toEqual(SPEAKERS);
    expect(at(schema, ['objections', '[]', 'persona']).enum).toEqual(SPEAKERS);
  });

  it('an idea list: proposedBy is an enum of the transcript’s speakers', async () => {
    const model = new ScriptedModel({ 'extraction.extract': { ideas: [] } });
    await extractIdeas(new ResultsExtractor({ model }), { source: focusGroupEvents() });
    expect(at(wire(model.requests[0]), ['ideas', '[]', 'proposedBy']).enum).toEqual(SPEAKERS);
  });

  it('a population plan: each sampled value names one of the dimensions', async () => {
    const model = new ScriptedModel({
      'factory.dimensions': {
        dimensions: [
          { name: 'age', description: 'age', values: [], range: { min: 20, max: 60 }, distribution: [] },
          { name: 'commute', description: 'how', values: ['bus', 'car'], range: null, distribution: [] },
        ],
      },
      'factory.plan': {
        plan: [{ subpopulation_description: 'all', sampled_values: [{ dimension: 'age', value: '30' }], quantity: 2 }],
      },
    });
    await planPopulation({
      model,
      brief: { description: 'nurses', requirements: [] },
      count: 2,
      seed: 1,
      planning: 'separate',
    });
    const plan = model.calls('factory.plan')[0];
    expect(at(wire(plan), ['plan', '[]', 'sampled_values', '[]', 'dimension']).enum).toEqual(['age', 'commute']);
  });

  it('judges: proposition scores 0–9 and the batched judge’s action numbers and scores are enums', () => {
    expect(at(jsonSchemaOf(PropositionScoreSchema) as Json, ['value']).enum).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const batch = jsonSchemaOf(batchScoresSchema(['fluency', 'persona-adherence'], 3)) as Json;
    expect(at(batch, ['scores', '[]', 'action']).enum).toEqual([1, 2, 3]);
    expect(at(batch, ['scores', '[]', 'score']).enum).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(at(batch, ['scores', '[]', 'check']).enum).toEqual(['fluency', 'persona-adherence']);
  });
});
