import { describe, expect, it } from 'vitest';
import { currencyOf, mentionedPrice } from '../../../../engine/llm/offline/agent/amounts.js';
import { agentOfflineResponders } from '../../../../engine/llm/offline/agent/index.js';
import { readPersonaFacts } from '../../../../engine/llm/offline/agent/persona-facts.js';
import type { PersonaSpec } from '../../../../engine/agent/persona-spec.js';
import { TinyPerson } from '../../../../engine/agent/tiny-person.js';
import { OfflineModel } from '../../../../engine/llm/offline/offline-model.js';

function nurse(name: string, nationality: string, residence: string, finances: string): PersonaSpec {
  return {
    name,
    age: 34,
    nationality,
    residence,
    occupation: { title: 'Nurse', organization: 'a general hospital' },
    personality: { big_five: { openness: 'Medium. Practical.', neuroticism: 'Medium.' } },
    preferences: { interests: ['Patient care'], likes: ['Early mornings'], dislikes: ['Long queues'] },
    behaviors: { routines: ['Takes the bus to the hospital before dawn.'] },
    other_facts: [`Financial situation: ${finances}.`, 'Parent of two children.'],
  };
}

const LAGOS = nurse('Ngozi Adeyemi', 'Nigerian', 'Lagos, Nigeria', 'Struggling to make ends meet');
const LONDON = nurse('Harriet Cole', 'British', 'London, UK', 'Well-off');

async function answers(spec: PersonaSpec, seed: number, question: string): Promise<string> {
  const person = new TinyPerson({ spec, model: new OfflineModel({ responders: agentOfflineResponders, seed }) });
  person.listen('What would make a bus-tracking app worth paying for?', 'facilitator');
  await person.act();
  person.listen(question, 'facilitator');
  const talk = (await person.act()).find((action) => action.type === 'TALK');
  expect(talk).toBeDefined();
  return talk!.content;
}

/** The amounts named in a text in one currency, as numbers ("₦1,200 a month" → 1200). */
function amounts(text: string, symbol: string): number[] {
  const escaped = symbol.replace(/[$]/g, '\\$');
  return [...text.matchAll(new RegExp(`${escaped}(\\d[\\d,]*(?:\\.\\d+)?)`, 'g'))].map((match) =>
    Number(match[1].replace(/,/g, '')),
  );
}

describe('offline amount answers (how much would you pay?)', () => {
  it("names an amount in each persona's local currency, higher for the better-off persona relative to local prices", async () => {
    const poor = readPersonaFacts(LAGOS);
    const rich = readPersonaFacts(LONDON);
    const [naira, pounds] = [currencyOf(poor), currencyOf(rich)];
    expect(naira.symbol).not.toBe(pounds.symbol);
    for (const seed of [1, 2, 3]) {
      for (const question of ['What would you pay per month?', 'How much would you pay for it?']) {
        const low = await answers(LAGOS, seed, question);
        const high = await answers(LONDON, seed, question);
        const lowAmounts = amounts(low, naira.symbol);
        const highAmounts = amounts(high, pounds.symbol);
        expect(lowAmounts.length, low).toBeGreaterThan(0);
        expect(highAmounts.length, high).toBeGreaterThan(0);
        expect(low).not.toContain(pounds.symbol);
        expect(high).not.toContain(naira.symbol);
        expect(low).not.toMatch(/mixed feelings|two minds|both sides/);
        // Relative to a typical local price, the well-off Londoner pays more than the struggling Lagos nurse.
        expect(Math.max(...lowAmounts) / naira.typical).toBeLessThan(Math.min(...highAmounts) / pounds.typical);
        // Plausible local magnitudes: a monthly app in Lagos costs hundreds to low thousands of naira.
        expect(Math.max(...lowAmounts)).toBeLessThan(naira.typical * 5);
        expect(Math.min(...lowAmounts)).toBeGreaterThanOrEqual(naira.step);
      }
    }
  });

  it('anchors on a price mentioned earlier and ties the amount to the persona', async () => {
    const person = new TinyPerson({
      spec: LAGOS,
      model: new OfflineModel({ responders: agentOfflineResponders, seed: 7 }),
    });
    person.listen('Would you pay ₦2,000 a month for a bus-tracking app?', 'facilitator');
    await person.act();
    person.listen('So how much would you pay for it?', 'facilitator');
    const talk = (await person.act()).find((action) => action.type === 'TALK')!.content;
    const named = amounts(talk, '₦');
    expect(named.length, talk).toBeGreaterThan(0);
    expect(Math.min(...named)).toBeLessThan(2000);
    expect(talk).toMatch(/make ends meet|two children|bus|hospital|a month/);
    expect(mentionedPrice(['it is 2000 naira a month'])?.currency.symbol).toBe('₦');
  });

  it('reads the currency from residence before nationality', () => {
    expect(
      currencyOf(readPersonaFacts({ ...LONDON, nationality: 'Nigerian', residence: 'Manchester, UK' })).symbol,
    ).toBe('£');
    expect(currencyOf(readPersonaFacts({ ...LONDON, nationality: 'Indian', residence: undefined })).symbol).toBe('₹');
    expect(currencyOf(readPersonaFacts({ ...LONDON, nationality: 'German', residence: 'Berlin' })).symbol).toBe('€');
  });
});
