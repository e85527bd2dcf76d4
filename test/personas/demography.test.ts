import { describe, expect, it } from 'vitest';
import { TinyPersonFactory } from '../../engine/factory/index.js';
import { builtInDemographies, builtInDemography, parseDemographyText } from '../../personas/index.js';
import { factoryOfflineResponders } from '../../engine/llm/offline/index.js';
import { OfflineModel } from '../../engine/llm/offline/offline-model.js';

const AMERICAN_NAMES = /\b(Emily|Sarah|Jessica|Ashley|James|Michael|Ryan|Tyler|Smith|Johnson|Miller|Davis|Wilson)\b/;

async function panelFrom(name: string, count = 8) {
  return (
    await new TinyPersonFactory(new OfflineModel({ responders: factoryOfflineResponders })).create({
      count,
      demography: builtInDemography(name),
    })
  ).personas;
}

describe("built-in demography documents (the project's own, in TinyTroupe's format)", () => {
  it('ships usa, brazil, china, norway and scandinavia, each a valid TinyTroupe demography document', () => {
    expect(builtInDemographies()).toEqual(['brazil', 'china', 'norway', 'scandinavia', 'usa']);
    for (const name of builtInDemographies()) {
      const document = builtInDemography(name);
      expect(document.title).toMatch(/Population Information$/);
      expect(Object.keys(document.content)).toContain('Demographics');
    }
    expect(() => builtInDemography('atlantis')).toThrow(/no built-in demography "atlantis".*brazil, china/);
  });

  it('on the offline model, China comes out Chinese: nationality, names and places', async () => {
    for (const { spec } of await panelFrom('china')) {
      expect(spec.nationality).toBe('Chinese');
      expect(String(spec.residence)).toMatch(/China$/);
      expect(spec.name).not.toMatch(AMERICAN_NAMES);
      expect(spec.name.split(' ').pop()).toMatch(
        /^(Wang|Li|Zhang|Liu|Chen|Yang|Huang|Zhao|Wu|Zhou|Xu|Sun|Ma|Zhu|Hu|Guo|He|Lin|Luo|Gao)$/,
      );
    }
  });

  it('Norway comes out Norwegian and Scandinavia Scandinavian, never American', async () => {
    for (const { spec } of await panelFrom('norway')) {
      expect(spec.nationality).toBe('Norwegian');
      expect(String(spec.residence)).toMatch(/Norway$/);
      expect(spec.name).not.toMatch(AMERICAN_NAMES);
    }
    const scandinavians = await panelFrom('scandinavia', 10);
    const nationalities = new Set(scandinavians.map(({ spec }) => spec.nationality));
    expect(
      [...nationalities].every((nationality) => ['Swedish', 'Danish', 'Norwegian'].includes(String(nationality))),
    ).toBe(true);
    expect(nationalities.size).toBeGreaterThan(1);
    for (const { spec } of scandinavians) {
      expect(String(spec.residence)).toMatch(/(Sweden|Denmark|Norway)$/);
      expect(spec.name).not.toMatch(AMERICAN_NAMES);
    }
  });

  it('Brazil comes out Brazilian', async () => {
    for (const { spec } of await panelFrom('brazil', 5)) {
      expect(spec.nationality).toBe('Brazilian');
      expect(String(spec.residence)).toMatch(/Brazil$/);
    }
  });

  it('refuses a file that is not a demography document, naming the file and what is missing', () => {
    expect(() => parseDemographyText('{"type": "TinyPerson", "persona": {"name": "X"}}', 'people.json')).toThrow(
      /^people\.json is not a demography document: "title" and "content" are missing/,
    );
  });
});
