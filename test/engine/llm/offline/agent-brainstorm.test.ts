import { describe, expect, it } from 'vitest';
import { respondAct } from '../../../../engine/llm/offline/agent/act-responder.js';
import { agentOfflineResponders } from '../../../../engine/llm/offline/agent/index.js';
import { IDEA_ANGLES } from '../../../../engine/llm/offline/agent/idea-angles.js';
import { readPersonaFacts } from '../../../../engine/llm/offline/agent/persona-facts.js';
import type { PersonaSpec } from '../../../../engine/agent/persona-spec.js';
import { TinyPerson } from '../../../../engine/agent/tiny-person.js';
import { OfflineModel } from '../../../../engine/llm/offline/offline-model.js';
import { VARIETY_THOUGHT } from '../../../../engine/steering/index.js';
import { SeededRandom } from '../../../../engine/util/random.js';
import { TinyWorld } from '../../../../engine/world/tiny-world.js';
import { ADA, HAS_TINYTROUPE, NEEDS_TINYTROUPE, tinyTroupePersona } from '../../agent/fixtures.js';

const TOPIC = 'features for a campus food-sharing app';
const PROMPT = `Let's brainstorm together: propose concrete ideas, one or two at a time, and build on the others' ideas. The topic: ${TOPIC}`;
const SPECS: PersonaSpec[] = HAS_TINYTROUPE ? [tinyTroupePersona('Lisa'), tinyTroupePersona('Oscar'), ADA] : [];

function brainstormWorld() {
  const model = new OfflineModel({ responders: agentOfflineResponders });
  const agents = SPECS.map((spec) => new TinyPerson({ spec, model }));
  const world = new TinyWorld({ name: 'brainstorm', agents });
  world.broadcast(PROMPT, 'facilitator');
  return { agents, world };
}

async function talks(world: TinyWorld): Promise<Map<string, { content: string; target: string }>> {
  const result = await world.step();
  const said = new Map<string, { content: string; target: string }>();
  for (const turn of result.turns) {
    const talk = turn.actions.find((action) => action.type === 'TALK');
    if (talk) said.set(turn.agent, talk);
  }
  return said;
}

/** The idea-table features a text proposes (the table is the offline model's vocabulary). */
function features(text: string): string[] {
  return IDEA_ANGLES.flatMap((angle) => [angle.feature, ...(angle.alternatives ?? [])]).filter((feature) =>
    text.includes(feature),
  );
}

function groundedIn(spec: PersonaSpec, text: string): boolean {
  const facts = readPersonaFacts(spec);
  const own = [
    ...facts.likes,
    ...facts.interests,
    ...facts.dislikes,
    ...facts.routines,
    ...facts.habits,
    ...facts.beliefs,
    ...facts.skills,
    facts.workNote ?? '',
  ];
  return own.filter(Boolean).some((fact) => text.includes(fact));
}

describe.runIf(HAS_TINYTROUPE)(`offline brainstorm turns ${NEEDS_TINYTROUPE}`, () => {
  it('round 1: every persona proposes its own idea, grounded in its facts and naming the topic', async () => {
    const { world } = brainstormWorld();
    const round1 = await talks(world);
    expect(round1.size).toBe(3);
    for (const [agent, talk] of round1) {
      expect(talk.content).toMatch(/\bidea\b|propose/i);
      expect(talk.content).toContain('the campus food-sharing app');
      expect(talk.target).toBe('facilitator');
      expect(groundedIn(SPECS.find((spec) => spec.name === agent)!, talk.content)).toBe(true);
      expect(talk.content).not.toMatch(/warming|of two minds|gut reaction/i);
    }
    const proposed = [...round1.values()].map((talk) => features(talk.content)[0]);
    expect(proposed.every(Boolean)).toBe(true);
    expect(new Set(proposed).size).toBe(3);
    expect(new Set([...round1.values()].map((talk) => talk.content)).size).toBe(3);
  });

  it('round 2: a new idea or one building on a named peer, never a topic lifted from a peer', async () => {
    const { world } = brainstormWorld();
    const round1 = await talks(world);
    const round2 = await talks(world);
    expect(round2.size).toBe(3);
    const peerFirstNames = SPECS.map((spec) => spec.name.split(/\s+/)[0]);
    for (const [agent, talk] of round2) {
      const own = features(round1.get(agent)!.content);
      const newIdea = features(talk.content).some((feature) => !own.includes(feature));
      const buildsOnPeer = peerFirstNames.some(
        (name) => !agent.startsWith(name) && new RegExp(`${name}'s idea|${name}, your idea`).test(talk.content),
      );
      expect(newIdea || buildsOnPeer).toBe(true);
      expect(newIdea).toBe(true);
      if (!buildsOnPeer) expect(talk.content).toContain('the campus food-sharing app');
      expect(talk.content).not.toMatch(/warming|sound of|idea one|propose concrete/i);
      if (buildsOnPeer) expect(SPECS.map((spec) => spec.name)).toContain(talk.target);
    }
    expect([...round2.values()].some((talk) => /'s idea|your idea/.test(talk.content))).toBe(true);
  });

  it('keeps every persona talking for several rounds (no repetition-guard drops) and varies its thoughts', async () => {
    const { agents, world } = brainstormWorld();
    for (let round = 0; round < 4; round++) expect((await talks(world)).size).toBe(3);
    const thoughts = agents.flatMap((agent) =>
      agent
        .trajectory()
        .filter((event) => event.kind === 'action' && event.type === 'THINK')
        .map((event) => event.content),
    );
    expect(thoughts.length).toBeGreaterThan(1);
    expect(new Set(thoughts).size).toBe(thoughts.length);
  });

  it('after the variety nudge, proposes something completely different from what it said', async () => {
    const { agents, world } = brainstormWorld();
    const round1 = await talks(world);
    agents[0].think(VARIETY_THOUGHT);
    const next = (await talks(world)).get(agents[0].name)!;
    expect(next.content).toMatch(/^Something completely different/);
    const before = features(round1.get(agents[0].name)!.content);
    expect(features(next.content).some((feature) => !before.includes(feature))).toBe(true);
  });
});

describe.runIf(HAS_TINYTROUPE)(`offline questions, statements and follow-ups ${NEEDS_TINYTROUPE}`, () => {
  const model = new OfflineModel({ responders: agentOfflineResponders });

  it('answers a question, reacts to a statement by naming the speaker, keeps the topic', async () => {
    const lisa = new TinyPerson({ spec: tinyTroupePersona('Lisa'), model });
    lisa.listen('What do you think about cargo bikes?', 'facilitator');
    const answer = (await lisa.act()).find((action) => action.type === 'TALK')!;
    expect(answer.content).toMatch(/cargo bikes/);
    lisa.listen('Honestly, warming up to them took me years.', 'Oscar');
    const reaction = (await lisa.act()).find((action) => action.type === 'TALK')!;
    expect(reaction.target).toBe('Oscar');
    expect(reaction.content).toMatch(/\bOscar\b/);
    expect(reaction.content).not.toMatch(/warming up to them took me years (is|are)|about warming/i);
    expect(lisa.cognitiveState.context).toContain('topic: cargo bikes');
    lisa.listen('Would you ride one to work?', 'Oscar');
    const reply = (await lisa.act()).find((action) => action.type === 'TALK')!;
    expect(reply.target).toBe('Oscar');
    expect(reply.content).toMatch(/riding one to work/);
  });

  it('answers a follow-up addressed by name directly, resolving "it" to the earlier subject', async () => {
    const oscar = new TinyPerson({ spec: tinyTroupePersona('Oscar'), model });
    oscar.listen('What do you think about cargo bikes?', 'facilitator');
    await oscar.act();
    oscar.listen('@Oscar would you pay $3 a month for it?', 'facilitator');
    const reply = (await oscar.act()).find((action) => action.type === 'TALK')!;
    expect(reply.content).toMatch(/paying \$3 a month for cargo bikes/i);
    expect(reply.content).not.toMatch(/@Oscar|oscar would/i);
  });

  it('keeps subject and verb in agreement for plural topics', () => {
    const hints = {
      persona: tinyTroupePersona('Lisa'),
      stimuli: [{ type: 'CONVERSATION', content: 'How do you feel about electric cars?', source: 'facilitator' }],
      cognitiveState: {},
      actionTypes: ['TALK', 'THINK', 'DONE'],
    };
    for (let seed = 1; seed <= 60; seed++) {
      const turn = respondAct(
        { task: 'agent.act', messages: [], schema: undefined as never, hints },
        new SeededRandom(seed),
      ) as { actions: { type: string; content: string }[] };
      const talk = turn.actions.find((action) => action.type === 'TALK')!.content;
      expect(talk).toMatch(/electric cars/i);
      expect(talk).not.toMatch(/(^|[.!?] )electric cars (is|does|was)\b/i);
    }
  });
});
