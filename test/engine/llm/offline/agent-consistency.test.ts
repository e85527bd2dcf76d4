import { describe, expect, it } from 'vitest';
import { agentOfflineResponders } from '../../../../engine/llm/offline/agent/index.js';
import { STANCE_OPENERS } from '../../../../engine/llm/offline/agent/answer.js';
import { phrase } from '../../../../engine/llm/offline/agent/persona-facts.js';
import type { PersonaSpec } from '../../../../engine/agent/persona-spec.js';
import { TinyPerson } from '../../../../engine/agent/tiny-person.js';
import { OfflineModel } from '../../../../engine/llm/offline/offline-model.js';
import { TinyWorld } from '../../../../engine/world/tiny-world.js';

const QUESTION = 'Would you pay $15 a month for a meal-kit subscription for busy families?';

/** A parent persona shaped like the factory's, with the given money situation and tastes. */
function parent(name: string, finances: string, extra: Partial<PersonaSpec> = {}): PersonaSpec {
  return {
    name,
    age: 38,
    occupation: { title: 'Teacher', organization: 'a public primary school' },
    personality: { big_five: { openness: 'Medium. Open to new ideas once explained.', neuroticism: 'Medium.' } },
    preferences: { interests: ['Gardening'], likes: ['Quiet mornings'], dislikes: ['Traffic jams'] },
    beliefs: ['Family comes before career.'],
    other_facts: [`Financial situation: ${finances}.`, 'Parent of two children.'],
    ...extra,
  };
}

const STRUGGLING = parent('Tanya Brooks', 'Struggling to make ends meet', {
  preferences: { interests: ['Gardening'], likes: ['Quiet mornings'], dislikes: ['Hidden fees'] },
});
const WELL_OFF = parent('Grant Ellis', 'Well-off', {
  personality: { big_five: { openness: 'High. Curious about anything new.', neuroticism: 'Low. Calm.' } },
  preferences: {
    interests: ['Cooking and trying recipes'],
    likes: ['Sunday family meals'],
    dislikes: ['Traffic jams'],
  },
});

const model = () => new OfflineModel({ responders: agentOfflineResponders });

async function ask(person: TinyPerson, text: string, source = 'facilitator'): Promise<string> {
  person.listen(text, source);
  const talk = (await person.act()).find((action) => action.type === 'TALK');
  expect(talk).toBeDefined();
  return talk!.content;
}

/** The stance a text's opener belongs to (the offline model's wording classes). */
function openerClass(text: string): string | undefined {
  const classes = Object.entries(STANCE_OPENERS) as [string, readonly string[]][];
  return classes.find(([, openers]) =>
    openers.some((opener) =>
      new RegExp(`^${opener.split('{')[0].replace(/[.?()]/g, '\\$&')}`, 'i').test(
        text.replace(/^(Me\? |Since you ask me: |For me personally\? )/, ''),
      ),
    ),
  )?.[0];
}

function stanceEntry(person: TinyPerson): string | undefined {
  return person.cognitiveState.context.find((item) => item.startsWith('stance: '));
}

function stanceOf(person: TinyPerson): string | undefined {
  return stanceEntry(person)?.match(/ = (positive|mixed|skeptical)\b/)?.[1];
}

describe('offline personas are consistent people', () => {
  it('keeps its stance across a question and a follow-up on the same topic, whatever the seed', async () => {
    for (const spec of [STRUGGLING, WELL_OFF]) {
      const stances = new Set<string>();
      for (let run = 0; run < 4; run++) {
        const person = new TinyPerson({ spec, model: model() });
        const first = await ask(person, `${QUESTION}${' '.repeat(run)}`);
        const remembered = stanceOf(person)!;
        expect(remembered).toBeDefined();
        expect(openerClass(first)).toBe(remembered);
        const again = await ask(person, 'And would you sign up for a meal-kit subscription yourself this month?');
        expect(stanceOf(person)).toBe(remembered);
        expect(openerClass(again)).toBe(remembered);
        stances.add(remembered);
      }
      expect(stances.size).toBe(1);
    }
  });

  it('answers a price question by finances: the struggling parent doubts and names the amount, the well-off one talks time and quality', async () => {
    const poor = new TinyPerson({ spec: STRUGGLING, model: model() });
    const rich = new TinyPerson({ spec: WELL_OFF, model: model() });
    const [poorSays, richSays] = [await ask(poor, QUESTION), await ask(rich, QUESTION)];
    const order = ['skeptical', 'mixed', 'positive'];
    expect(order.indexOf(stanceOf(poor)!)).toBeLessThan(order.indexOf(stanceOf(rich)!));
    expect(stanceOf(poor)).not.toBe('positive');
    expect(poorSays).toMatch(/\$15/);
    expect(poorSays).toMatch(/struggling to make ends meet|amount matters/i);
    expect(richSays).toMatch(/time|quality|any good/i);
    expect(richSays).not.toMatch(/amount matters|struggling/i);
  });

  it('answers "what would change your mind?" with a concrete condition tied to its concern, not the opinion again', async () => {
    const person = new TinyPerson({ spec: STRUGGLING, model: model() });
    const opinion = await ask(person, QUESTION);
    const before = stanceEntry(person);
    const condition = await ask(person, 'What would change your mind?');
    expect(condition).toMatch(/\bif\b/i);
    expect(condition).toMatch(/\$\d+|free|cheaper/i);
    expect(openerClass(condition)).toBeUndefined();
    expect(condition.split(/(?<=[.!?])\s+/).some((sentence) => opinion.includes(sentence))).toBe(false);
    expect(stanceEntry(person)).toBe(before);
    const keen = new TinyPerson({ spec: WELL_OFF, model: model() });
    await ask(keen, QUESTION);
    expect(await ask(keen, 'What would it take for you to change your mind?')).toMatch(
      /\bif\b.*\b(put me off|drop it|change my mind)\b/i,
    );
  });

  it('moves one step when a peer answers its concern, and says why', async () => {
    const tanya = new TinyPerson({ spec: STRUGGLING, model: model() });
    const sienna = new TinyPerson({ spec: parent('Sienna Park', 'Comfortable'), model: model() });
    const world = new TinyWorld({ name: 'panel', agents: [tanya, sienna] });
    world.broadcast(QUESTION, 'facilitator');
    await world.step();
    const before = stanceOf(tanya)!;
    expect(stanceEntry(tanya)).toMatch(/concern: price/);
    sienna.listen('Remember the first week is free, you could cancel after.', 'facilitator');
    tanya.listen('The first week is free, so you can try it before paying anything.', 'Sienna Park');
    const reaction = (await tanya.act()).find((action) => action.type === 'TALK')!;
    const order = ['skeptical', 'mixed', 'positive'];
    expect(order.indexOf(stanceOf(tanya)!)).toBe(order.indexOf(before) + 1);
    expect(reaction.content).toMatch(
      /Sienna's point about a free first week changes things|Sienna, a free first week is a fair point/,
    );
    expect(reaction.target).toBe('Sienna Park');
    // Hearing the same point again does not move it a second time.
    tanya.listen('Honestly, a free first week makes it a no-brainer.', 'Sienna Park');
    await tanya.act();
    expect(order.indexOf(stanceOf(tanya)!)).toBe(order.indexOf(before) + 1);
  });

  it('keeps the capital of proper nouns in persona phrases, lower-cases common words', () => {
    expect(phrase('Sunday family meals')).toBe('Sunday family meals');
    expect(phrase('Christmas markets.')).toBe('Christmas markets');
    expect(phrase('New York pizza')).toBe('New York pizza');
    expect(phrase('Local markets')).toBe('local markets');
  });
});
