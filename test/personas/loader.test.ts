import { mkdtemp, readFile, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../engine/errors.js';
import { TinyPerson } from '../../engine/agent/tiny-person.js';
import { agentOfflineResponders } from '../../engine/llm/offline/agent/index.js';
import { OfflineModel } from '../../engine/llm/offline/offline-model.js';
import {
  applyFragments,
  loadAgentFile,
  loadFragmentFile,
  loadLibrary,
  loadPersonaFolder,
  mergePersona,
  parseAgentFile,
  parseFragmentFile,
  saveAgentFile,
} from '../../personas/index.js';

const TINYTROUPE = path.resolve(import.meta.dirname, '../../../shared/fixtures/tinytroupe');

function thrown(fn: () => unknown): UserInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserInputError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('persona loader', () => {
  it('loads TinyTroupe agents unchanged and saves them back identically', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'troupe-personas-'));
    for (const name of ['Lisa', 'Oscar']) {
      const original = JSON.parse(await readFile(path.join(TINYTROUPE, `${name}.agent.json`), 'utf8'));
      const loaded = await loadAgentFile(path.join(TINYTROUPE, `${name}.agent.json`));
      expect(loaded).toEqual(original);
      await saveAgentFile(path.join(dir, `${name}.agent.json`), loaded);
      expect(await loadAgentFile(path.join(dir, `${name}.agent.json`))).toEqual(original);
    }
  });

  it('keeps extra fields and saved state through load, save and load', async () => {
    const lisa = await loadAgentFile(path.join(TINYTROUPE, 'Lisa.agent.json'));
    const extended = {
      ...lisa,
      persona: { ...lisa.persona, projects: [{ name: 'Atlas', stage: 'beta' }], income: 'high' },
      episodic_memory: { memory: [{ role: 'user', content: 'hi' }] },
      mental_state: { emotions: 'calm' },
    };
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'troupe-extra-')), 'lisa.agent.json');
    await saveAgentFile(file, extended);
    const text = await readFile(file, 'utf8');
    expect(text.startsWith('{\n    "type": "TinyPerson",\n    "persona": {')).toBe(true);
    expect(await loadAgentFile(file)).toEqual(extended);
  });

  it('rejects a malformed file with the JSON path and what was expected', () => {
    const error = thrown(() =>
      parseAgentFile({ type: 'TinyPerson', persona: { name: 'Bad', age: true, skills: ['ok', 3] } }, 'bad.agent.json'),
    );
    expect(error.code).toBe('persona.invalid');
    expect(error.message).toContain('bad.agent.json');
    expect(error.message).toContain('persona.age: expected a number or string, got boolean');
    expect(error.message).toContain('persona.skills[1]: expected a string, got number');
    expect(thrown(() => parseAgentFile({ type: 'TinyPerson', persona: { age: 3 } })).message).toContain(
      'persona.name: expected a string, got nothing',
    );
    expect(thrown(() => parseAgentFile({ type: 'Person', persona: { name: 'X' } })).message).toContain(
      'type: expected "TinyPerson"',
    );
    expect(thrown(() => parseFragmentFile({ type: 'TinyPerson', persona: {} })).code).toBe('persona.fragment_invalid');
  });

  it('merges a TinyTroupe fragment into Lisa with its rules', async () => {
    const lisa = await loadAgentFile(path.join(TINYTROUPE, 'Lisa.agent.json'));
    const leftwing = await loadFragmentFile(path.join(TINYTROUPE, 'leftwing.agent.fragment.json'));
    const merged = applyFragments(lisa, [leftwing]);
    const beliefs = merged.persona.beliefs!;
    expect(beliefs.slice(0, lisa.persona.beliefs!.length)).toEqual(lisa.persona.beliefs);
    expect(beliefs).toContain('Healthcare and education are fundamental human rights.');
    expect(merged.persona.preferences!.likes).toContain('Clear, well-documented code.');
    expect(merged.persona.preferences!.likes).toContain('Fair trade products and ethical consumption');
    expect(merged.persona.behaviors!.routines).toEqual(lisa.persona.behaviors!.routines);
    expect(merged.persona.name).toBe('Lisa Carter');
    expect(lisa.persona.beliefs).not.toContain('Healthcare and education are fundamental human rights.');
    const twice = applyFragments(merged, [leftwing]);
    expect(twice.persona.beliefs).toEqual(beliefs);
    expect(
      () => new TinyPerson({ spec: merged.persona, model: new OfflineModel({ responders: agentOfflineResponders }) }),
    ).not.toThrow();
  });

  it('merge rules: null replaced, objects recursive, lists de-duplicated, conflicts named', () => {
    expect(
      mergePersona({ a: null, b: { c: 1 }, l: ['x', 'y'] }, { a: 'set', b: { d: 2 }, l: ['y', 'z'], n: 5 }),
    ).toEqual({
      a: 'set',
      b: { c: 1, d: 2 },
      l: ['x', 'y', 'z'],
      n: 5,
    });
    const scalar = thrown(() => mergePersona({ age: 28 }, { age: 35 }, { source: 'older.fragment.json' }));
    expect(scalar.code).toBe('persona.fragment_conflict');
    expect(scalar.message).toContain('persona.age');
    expect(scalar.message).toContain('older.fragment.json');
    const type = thrown(() => mergePersona({ occupation: { title: 'Nurse' } }, { occupation: 'Pilot' }));
    expect(type.message).toContain('persona.occupation');
    const nested = thrown(() =>
      mergePersona(
        { personality: { big_five: { openness: 'High' } } },
        { personality: { big_five: { openness: 'Low' } } },
      ),
    );
    expect(nested.message).toContain('persona.personality.big_five.openness');
  });

  it('loads a whole folder as a population, ignoring other files', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'troupe-folder-'));
    for (const name of ['Lisa.agent.json', 'Oscar.agent.json', 'leftwing.agent.fragment.json', 'usa.json'])
      await copyFile(path.join(TINYTROUPE, name), path.join(dir, name));
    const folder = await loadPersonaFolder(dir);
    expect(folder.agents.map((loaded) => loaded.document.persona.name)).toEqual(['Lisa Carter', 'Oscar']);
    expect(folder.fragments).toHaveLength(1);
    await writeFile(path.join(dir, 'Lisa2.agent.json'), await readFile(path.join(TINYTROUPE, 'Lisa.agent.json')));
    expect((await loadPersonaFolder(dir).catch((error) => error)).code).toBe('persona.duplicate_name');
  });

  it("Troupe's own library: varied personas and fragments that apply cleanly", async () => {
    const { agents, fragments } = await loadLibrary();
    expect(agents.length).toBeGreaterThanOrEqual(6);
    expect(fragments.length).toBeGreaterThanOrEqual(4);
    const personas = agents.map((loaded) => loaded.document.persona);
    expect(new Set(personas.map((persona) => persona.nationality)).size).toBe(personas.length);
    const ages = personas.map((persona) => Number(persona.age));
    expect(Math.max(...ages) - Math.min(...ages)).toBeGreaterThan(30);
    for (const agent of agents) {
      for (const fragment of fragments) expect(() => applyFragments(agent.document, [fragment.document])).not.toThrow();
    }
  });
});
