import { copyFile, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../engine/errors.js';
import { TinyPerson } from '../../engine/agent/tiny-person.js';
import { agentOfflineResponders } from '../../engine/llm/offline/agent/index.js';
import { OfflineModel } from '../../engine/llm/offline/offline-model.js';
import {
  applyFragments,
  describeFolderLoad,
  loadAgentFile,
  loadLibrary,
  loadPersonaFolder,
  parseAgentFile,
  parseFragmentFile,
  parsePersonaText,
  saveAgentFile,
  serializeAgentFile,
} from '../../personas/index.js';
import { OWN_FORMAT_DIR } from '../fixtures/tinytroupe.js';

const POPULATION = path.join(OWN_FORMAT_DIR, 'population');

function thrown(fn: () => unknown): UserInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserInputError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('persona loader (the project’s own TinyTroupe-format files)', () => {
  it('reads the loose shapes of the October-2025 files: numbers and objects as traits, objects as health, style and skills', async () => {
    const ingrid = await loadAgentFile(path.join(POPULATION, 'Ingrid Bakke.agent.json'));
    expect(ingrid.persona.personality?.big_five?.openness).toBe(34);
    expect(ingrid.persona.health).toMatchObject({ mental: 'Steady; sleeps badly in the dark months.' });
    expect(ingrid.persona.relationships).toHaveLength(2);
    const wei = await loadAgentFile(path.join(POPULATION, 'Wei Zhang.agent.json'));
    expect(wei.persona.relationships).toMatchObject({ manager: { name: 'Liu Fang' } });
    expect(
      () => new TinyPerson({ spec: ingrid.persona, model: new OfflineModel({ responders: agentOfflineResponders }) }),
    ).not.toThrow();
  });

  it('saves back byte-identical: unchanged text as it came, changes in TinyTroupe’s json.dumps(indent=4) style', async () => {
    for (const name of ['Ingrid Bakke.agent.json', 'Wei Zhang.agent.json']) {
      const text = await readFile(path.join(POPULATION, name), 'utf8');
      const agent = parseAgentFile(JSON.parse(text), name);
      // These files were written by Python's json.dumps(indent=4): the writer alone must give the same bytes.
      expect(serializeAgentFile(agent)).toBe(text);
      expect(serializeAgentFile(agent, text)).toBe(text);
      const dir = await mkdtemp(path.join(tmpdir(), 'troupe-save-'));
      await saveAgentFile(path.join(dir, name), agent, text);
      expect(await readFile(path.join(dir, name), 'utf8')).toBe(text);
    }
    const ingridText = await readFile(path.join(POPULATION, 'Ingrid Bakke.agent.json'), 'utf8');
    const changed = parseAgentFile(JSON.parse(ingridText));
    changed.persona.age = 58;
    const written = serializeAgentFile(changed, ingridText);
    expect(written).toBe(ingridText.replace('"age": 57', '"age": 58'));
    expect(written).toContain('\\u2014');
    expect(written).toContain('\\ud83d\\udef6');
    expect(written.endsWith('}')).toBe(true);
  });

  it('keeps extra fields, key order and saved state through load, save and load', async () => {
    const text = await readFile(path.join(POPULATION, 'Wei Zhang.agent.json'), 'utf8');
    const wei = parseAgentFile(JSON.parse(text));
    const extended = {
      ...wei,
      episodic_memory: { memory: [{ role: 'user', content: 'hi' }] },
      mental_state: { emotions: 'calm' },
    };
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'troupe-extra-')), 'wei.agent.json');
    await saveAgentFile(file, extended);
    const saved = await readFile(file, 'utf8');
    expect(saved.startsWith('{\n    "type": "TinyPerson",\n    "persona": {\n        "name": "Wei Zhang"')).toBe(true);
    expect(Object.keys(JSON.parse(saved).persona)).toEqual(Object.keys(wei.persona));
    expect(await loadAgentFile(file)).toEqual(extended);
  });

  it('says which file and field is wrong, in words with the expected shape, never as an issue dump', () => {
    const error = thrown(() =>
      parseAgentFile({ type: 'TinyPerson', persona: { name: 'Bad', age: true, beliefs: 'one' } }, 'bad.agent.json'),
    );
    expect(error.code).toBe('persona.invalid');
    expect(error.message).toBe(
      'bad.agent.json: persona.age should be a number or text, e.g. "age": 41; it is true. persona.beliefs should be a list of text, e.g. "beliefs": ["Public transport matters."]; it is the text "one".',
    );
    expect(error.message).not.toMatch(/expected":|invalid_type|\[ ?\{/);
    expect(thrown(() => parseAgentFile({ type: 'TinyPerson', persona: { age: 3 } }, 'x.agent.json')).message).toBe(
      'x.agent.json: persona.name should be non-empty text, e.g. "name": "Ada Quist"; it is missing.',
    );
    expect(thrown(() => parseAgentFile({ type: 'Person', persona: { name: 'X' } }, 'p.json')).message).toBe(
      'p.json: "type" should be "TinyPerson" for an agent file; it is "Person".',
    );
    const big = thrown(() =>
      parseAgentFile(
        { type: 'TinyPerson', persona: { name: 'B', personality: { big_five: { openness: [1] } } } },
        'b.json',
      ),
    );
    expect(big.message).toContain('persona.personality.big_five.openness should be words, a score or an object');
    expect(thrown(() => parseFragmentFile({ type: 'TinyPerson', persona: {} }, 'f.json')).code).toBe(
      'persona.fragment_invalid',
    );
  });

  it('refuses oversize and over-deep JSON before parsing it, and names the line of a syntax error', () => {
    const deep = `${'['.repeat(40)}${']'.repeat(40)}`;
    expect(thrown(() => parsePersonaText(deep, 'deep.agent.json')).message).toContain(
      'deep.agent.json nests 40 levels deep; at most 32',
    );
    const huge = JSON.stringify({ type: 'TinyPerson', persona: { name: 'H', other_facts: ['x'.repeat(2_100_000)] } });
    expect(thrown(() => parsePersonaText(huge, 'huge.agent.json')).code).toBe('persona.too_large');
    const broken = thrown(() => parsePersonaText('{\n  "type": "TinyPerson",\n  "persona": {\n', 'half.agent.json'));
    expect(broken.code).toBe('persona.json');
    expect(broken.message).toMatch(/^half\.agent\.json is not valid JSON \(line \d\)/);
    expect(thrown(() => parsePersonaText('{“name”: “Ada”}', 'phone.json')).message).toContain(
      'Its quotes look typographic (“ ”): JSON needs straight quotes',
    );
  });

  it('loads a folder, reports each bad file by name and field, and loads the rest', async () => {
    const folder = await loadPersonaFolder(POPULATION);
    expect(folder.agents.map((loaded) => loaded.document.persona.name).sort()).toEqual(['Ingrid Bakke', 'Wei Zhang']);
    expect(folder.fragments).toHaveLength(1);
    expect(folder.failures.map((failure) => path.basename(failure.file)).sort()).toEqual([
      'Broken Age.agent.json',
      'Half Written.agent.json',
      'Wei Zhang.agent.json',
    ]);
    const report = describeFolderLoad(folder);
    expect(report).toMatch(/^loaded 3 of 6 persona files; /);
    expect(report).toContain('Broken Age.agent.json: persona.age should be a number or text');
    expect(report).toContain('persona.personality.traits should be a list of text');
    expect(report).toContain('Half Written.agent.json is not valid JSON');
    expect(report).toContain(
      'Wei Zhang.agent.json: persona.name "Wei Zhang" is already used by Wei Zhang (copy).agent.json',
    );
  });

  it("Troupe's own library: varied personas and fragments that apply cleanly", async () => {
    const { agents, fragments, failures } = await loadLibrary();
    expect(failures).toEqual([]);
    expect(agents.length).toBeGreaterThanOrEqual(6);
    expect(fragments.length).toBeGreaterThanOrEqual(4);
    const personas = agents.map((loaded) => loaded.document.persona);
    expect(new Set(personas.map((persona) => persona.nationality)).size).toBe(personas.length);
    const ages = personas.map((persona) => Number(persona.age));
    expect(Math.max(...ages) - Math.min(...ages)).toBeGreaterThan(30);
    for (const agent of agents) {
      for (const fragment of fragments) expect(() => applyFragments(agent.document, [fragment.document])).not.toThrow();
      expect(serializeAgentFile(agent.document)).toBe(agent.text);
    }
  });

  it('copies of a folder load the same (nothing depends on where the folder is)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'troupe-folder-'));
    for (const name of await readdir(POPULATION)) await copyFile(path.join(POPULATION, name), path.join(dir, name));
    await writeFile(path.join(dir, 'usa.json'), '{"title": "not a persona"}');
    const folder = await loadPersonaFolder(dir);
    expect(folder.agents).toHaveLength(2);
    expect(folder.failures).toHaveLength(3);
  });
});
