import { describe, expect, it } from 'vitest';
import { TinyPerson } from '../../../engine/agent/index.js';
import { SimulatedClock, TinyWorld } from '../../../engine/world/index.js';
import {
  ResultsExtractor,
  answerTable,
  chatLogRows,
  extractIdeas,
  summarizeFocusGroup,
} from '../../../engine/extraction/index.js';
import { saidBy } from './fixtures.js';
import { extractionScript } from '../../doubles/extraction-script.js';
import { ScriptedModel, turn } from '../../doubles/scripted-model.js';

const SPECS = [
  { name: 'Ada Lopez', age: 34, occupation: 'Nurse', nationality: 'Spanish' },
  { name: 'Bo Chen', age: 51, occupation: 'Bus driver', nationality: 'Canadian' },
  { name: 'Cy Okafor', age: 27, occupation: 'Software tester', nationality: 'Nigerian' },
];

async function runWorld() {
  // Each persona says something of its own on every turn, naming its job, then ends the turn.
  const model = new ScriptedModel({
    ...extractionScript(),
    'agent.act': (request, call) => {
      const spec = SPECS.find((candidate) => request.messages[0].content.includes(candidate.name))!;
      return turn([
        { type: 'TALK', content: `As a ${spec.occupation}, I would try it (turn ${call}).` },
        { type: 'DONE' },
      ]);
    },
  });
  const clock = new SimulatedClock('2025-04-01T18:00:00Z');
  const agents = SPECS.map((spec) => new TinyPerson({ spec, model, clock: clock.now }));
  const world = new TinyWorld({ name: 'focus', agents, clock });
  world.makeEveryoneAccessible();
  world.broadcast('Would you use a shared e-cargo bike in your neighbourhood?', 'facilitator', 'q');
  await world.run({ steps: 2, stepDuration: { minutes: 5 }, threadKey: 'q' });
  return { model, world, agents };
}

describe('extraction over a real TinyWorld of TinyPersons', () => {
  it('summarises the world, the agents and one agent with only real quotes', async () => {
    const { model, world, agents } = await runWorld();
    const transcript = world.trajectory();
    const extractor = new ResultsExtractor({ model });
    for (const source of [world, agents, agents[0]] as const) {
      const { summary, quoteCheck } = await summarizeFocusGroup(extractor, { source });
      const quotes = summary.themes.flatMap((theme) => theme.quotes);
      expect(quotes.length).toBeGreaterThan(0);
      for (const quote of quotes)
        expect(saidBy(transcript, quote.persona, quote.text), `${quote.persona}: ${quote.text}`).toBe(true);
      expect(quoteCheck.dropped).toBe(0);
    }
    const ideas = await extractIdeas(extractor, { source: world });
    for (const idea of ideas.ideas) expect(SPECS.map((spec) => spec.name)).toContain(idea.proposedBy);
  });

  it('reduces the world transcript to chat rows and an answer table of the personas only', async () => {
    const { world } = await runWorld();
    const rows = chatLogRows(world);
    expect(rows[0]).toMatchObject({ speaker: 'facilitator', type: 'TALK', thread: 'q' });
    const table = answerTable(world, 'q');
    expect(table.map((row) => row.persona).sort()).toEqual(SPECS.map((spec) => spec.name).sort());
    const talks = world.trajectory().filter((event) => event.type === 'TALK' && event.agent !== 'facilitator').length;
    expect(table.reduce((sum, row) => sum + row.turns, 0)).toBe(talks);
  });
});
