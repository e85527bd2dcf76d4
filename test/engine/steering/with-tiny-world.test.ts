import { describe, expect, it } from 'vitest';
import { TinyPerson } from '../../../engine/agent/tiny-person.js';
import { Intervention, TinyStory, varietyIntervention } from '../../../engine/steering/index.js';
import { TinyWorld } from '../../../engine/world/tiny-world.js';
import { agentScript } from '../../doubles/agent-script.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';

const storyModel = () =>
  new ScriptedModel({
    ...agentScript(),
    'story.start': { text: 'It was a Monday morning at the office.' },
    'story.continue': (_request, call) => ({ text: `Then something happened (${call + 1}).` }),
  });
const model = storyModel();
const people = () => [
  new TinyPerson({ spec: { name: 'Lisa', occupation: { title: 'Data scientist' } }, model }),
  new TinyPerson({ spec: { name: 'Oscar', occupation: { title: 'Architect' } }, model }),
];

describe('interventions and stories in the real TinyWorld', () => {
  it('the world evaluates interventions at each step and both logs agree', async () => {
    const agents = people();
    const evenSteps = new Intervention(agents[0], {
      name: 'even steps',
      functionalPrecondition: (_t, { step }) => step % 2 === 0,
      effect: ([lisa]) => (lisa as TinyPerson).think('Time to say something surprising.'),
    });
    const variety = agents.map((a) => varietyIntervention(a, { minTalks: 1, overlapThreshold: 0 }));
    const world = new TinyWorld({ name: 'Brainstorm', agents, interventions: [evenSteps, ...variety] });
    world.broadcast('Propose as many different product ideas for home cooks as you can.', 'facilitator');
    await world.run({ steps: 4, stepDuration: { minutes: 5 } });
    const stepsSeen = evenSteps.firings.map((f) => f.step);
    expect(stepsSeen.length).toBe(2);
    expect(stepsSeen.every((s) => s % 2 === 0)).toBe(true);
    expect(world.interventionFires.filter((f) => f.intervention === 'even steps').map((f) => f.step)).toEqual(
      stepsSeen,
    );
    expect(evenSteps.firings[1].time.getTime()).toBeGreaterThan(evenSteps.firings[0].time.getTime());
    // Overlap threshold 0: the variety rule fires once an agent has talked, and leaves its thought in memory.
    expect(variety.some((v) => v.firings.length > 0)).toBe(true);
    const nudged = agents[variety.findIndex((v) => v.firings.length > 0)];
    expect(nudged.trajectory().some((e) => e.type === 'THOUGHT' && e.content.includes('COMPLETELY new'))).toBe(true);
  });

  it('a story continuation reflects what the agents just said', async () => {
    const agents = people();
    const world = new TinyWorld({ name: 'Office', agents });
    const story = new TinyStory(world, { model, purpose: 'Office life' });
    world.broadcast(await story.start('A Monday morning.'), 'facilitator');
    await world.run({ steps: 1 });
    const lastTalk = world
      .trajectory()
      .filter((e) => e.kind === 'action' && e.type === 'TALK')
      .at(-1);
    const next = await story.continue('A client calls with an urgent request.');
    expect(next).toBe('Then something happened (1).');
    // The storyteller is shown what the agents just said, and what should happen next.
    const prompt = model.prompts('story.continue')[0];
    expect(lastTalk).toBeDefined();
    expect(prompt).toContain(`${lastTalk!.agent} TALK: ${lastTalk!.content}`);
    expect(prompt).toContain('A client calls with an urgent request.');
    expect(story.story).toEqual(['It was a Monday morning at the office.', 'Then something happened (1).']);
  });
});
