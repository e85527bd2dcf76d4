import { describe, expect, it } from 'vitest';
import { TinyPerson } from '../../../../engine/agent/tiny-person.js';
import { WordProcessorFaculty } from '../../../../engine/agent/faculties/word-processor.js';
import { occupationTitle, type PersonaSpec } from '../../../../engine/agent/persona-spec.js';
import { jobTitle } from '../../../../engine/llm/offline/agent/persona-facts.js';
import { OfflineModel } from '../../../../engine/llm/offline/offline-model.js';
import { loadLibrary } from '../../../../personas/index.js';
import { HAS_TINYTROUPE, NEEDS_TINYTROUPE, tinyTroupePersona } from '../../agent/fixtures.js';
import { agentOfflineResponders } from '../../../../engine/llm/offline/index.js';

const model = new OfflineModel({ responders: agentOfflineResponders });
const QUESTIONS = [
  'What do you think about subscription pricing for meal kits?',
  'Would you use an app to plan your weekly groceries?',
  'How do you feel about electric cars?',
  'Is remote work good for people like you?',
];

async function answers(spec: PersonaSpec): Promise<string[]> {
  const agent = new TinyPerson({ spec, model });
  const said: string[] = [];
  for (const question of QUESTIONS) {
    agent.listen(question, 'Facilitator');
    const actions = await agent.act();
    const talk = actions.find((action) => action.type === 'TALK');
    expect(talk?.target).toBe('Facilitator');
    said.push(talk!.content);
  }
  return said;
}

function mentionsOwnTraits(spec: PersonaSpec, text: string): boolean {
  const lower = text.toLowerCase();
  const preferences = (spec.preferences ?? {}) as { likes?: string[]; interests?: string[] };
  const traits = [
    jobTitle(occupationTitle(spec) ?? ''),
    ...(preferences.likes ?? []),
    ...(preferences.interests ?? []),
    ...(spec.beliefs ?? []),
  ]
    .map((trait) =>
      trait
        .toLowerCase()
        .replace(/[.!]+$/, '')
        .slice(0, 25),
    )
    .filter(Boolean);
  return traits.some((trait) => lower.includes(trait.replace(/^you /, '')));
}

describe.runIf(HAS_TINYTROUPE)(`offline agent.act responder ${NEEDS_TINYTROUPE}`, () => {
  it('answers in character: different personas, different answers, each mentioning its own traits', async () => {
    const lisa = tinyTroupePersona('Lisa');
    const { agents } = await loadLibrary();
    const henrik = agents.find((agent) => agent.document.persona.name === 'Henrik Lund')!.document.persona;
    const [lisaSays, henrikSays] = [await answers(lisa), await answers(henrik)];
    expect(lisaSays.every((text) => mentionsOwnTraits(lisa, text))).toBe(true);
    expect(henrikSays.every((text) => mentionsOwnTraits(henrik, text))).toBe(true);
    expect(lisaSays.some((text) => mentionsOwnTraits(henrik, text))).toBe(false);
    expect(new Set([...lisaSays, ...henrikSays]).size).toBe(8);
  });

  it('echoes the question and reads as sentences', async () => {
    const [first, , third] = await answers(tinyTroupePersona('Oscar'));
    expect(first).toMatch(/subscription pricing for meal kits/i);
    expect(third).toMatch(/electric cars/i);
    for (const text of [first, third]) expect(text).toMatch(/^[A-Z].*[.?!]$/);
  });

  it('sometimes thinks before talking, and always ends the turn', async () => {
    const agent = new TinyPerson({ spec: tinyTroupePersona('Lisa'), model });
    const shapes = new Set<string>();
    for (let i = 0; i < 8; i++) {
      agent.listen(`Question ${i}: what about ${QUESTIONS[i % 4].slice(0, 30)}?`, 'Facilitator');
      shapes.add((await agent.act()).map((action) => action.type).join('+'));
    }
    expect(shapes).toContain('THINK+TALK');
    expect(shapes).toContain('TALK');
  });

  it('writes a document when asked to write and the faculty is there', async () => {
    const agent = new TinyPerson({ spec: tinyTroupePersona('Oscar'), model, faculties: [new WordProcessorFaculty()] });
    agent.listen('Could you write a short note about sustainable housing?', 'Facilitator');
    await agent.act();
    expect(agent.artifacts[0].title.toLowerCase()).toContain('sustainable housing');
    expect(agent.artifacts[0].author).toBe('Oscar');
  });

  it('consolidates episodes into first-person memories', async () => {
    const agent = new TinyPerson({
      spec: tinyTroupePersona('Lisa'),
      model,
      memory: { consolidateAfter: 4, firstN: 0, lastN: 2 },
    });
    for (let i = 0; i < 4; i++) {
      agent.listen(`Tell me about hobby number ${i}`, 'Facilitator');
      await agent.act();
    }
    expect(agent.semanticMemories.length).toBeGreaterThan(0);
    expect(agent.semanticMemories.length).toBeLessThanOrEqual(6);
    expect(agent.semanticMemories.every((memory) => /\b(I|me)\b/.test(memory))).toBe(true);
  });
});
