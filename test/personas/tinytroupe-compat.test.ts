import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentOfflineResponders, factoryOfflineResponders } from '../../engine/llm/offline/index.js';
import { TinyPerson } from '../../engine/agent/tiny-person.js';
import { UserInputError } from '../../engine/errors.js';
import { TinyPersonFactory } from '../../engine/factory/index.js';
import { OfflineModel } from '../../engine/llm/offline/offline-model.js';
import {
  applyFragments,
  describeFolderLoad,
  loadPersonaFolder,
  parseDemographyText,
  parsePersonaText,
  type PersonaFileContent,
  serializeAgentFile,
} from '../../personas/index.js';
import { HAS_TINYTROUPE, NEEDS_TINYTROUPE, TINYTROUPE_DIR } from '../fixtures/tinytroupe.js';

/** Every JSON file under the shared folder, relative paths sorted. */
function sharedFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith('.json')) found.push(path.relative(TINYTROUPE_DIR, file));
    }
  };
  walk(TINYTROUPE_DIR);
  return found;
}

const isPersonaFile = (file: string) => /\.(agent|fragment)\.json$/.test(file);

describe.runIf(HAS_TINYTROUPE)(
  `TinyTroupe compatibility over ../shared/fixtures/tinytroupe ${NEEDS_TINYTROUPE}`,
  () => {
    const files = HAS_TINYTROUPE ? sharedFiles() : [];
    const read = (file: string) => readFileSync(path.join(TINYTROUPE_DIR, file), 'utf8');
    const contents = (): PersonaFileContent[] =>
      files.filter(isPersonaFile).map((file) => parsePersonaText(read(file), path.basename(file)));

    it('every agent and fragment file loads, the October-2025 ones included', () => {
      const loaded = contents();
      expect(loaded.filter((content) => content.kind === 'agent').length).toBeGreaterThanOrEqual(22);
      expect(loaded.filter((content) => content.kind === 'fragment').length).toBeGreaterThanOrEqual(3);
      const model = new OfflineModel({ responders: agentOfflineResponders });
      for (const content of loaded)
        if (content.kind === 'agent')
          expect(() => new TinyPerson({ spec: content.document.persona, model })).not.toThrow();
    });

    it("every file round-trips byte-identical; the ones TinyTroupe wrote come out of Troupe's own writer unchanged", () => {
      let tinyTroupeWritten = 0;
      for (const content of contents()) {
        expect(serializeAgentFile(content.document, content.text)).toBe(content.text);
        if (content.source !== 'picky_customer.agent.fragment.json' && !/^\{ {3}"type"/.test(content.text)) {
          expect(serializeAgentFile(content.document)).toBe(content.text);
          tinyTroupeWritten++;
        }
      }
      expect(tinyTroupeWritten).toBeGreaterThanOrEqual(20);
    });

    it('the October-2025 population folder loads 20 of 20', async () => {
      const folder = await loadPersonaFolder(path.join(TINYTROUPE_DIR, 'october-2025', 'difficult_people_2'));
      expect(describeFolderLoad(folder)).toBe('loaded 20 of 20 persona files');
    });

    it('every fragment merges into every agent, or is refused with a conflict naming field, persona and fragment', () => {
      const loaded = contents();
      const fragments = loaded.filter((content) => content.kind === 'fragment');
      let merged = 0;
      for (const agent of loaded) {
        if (agent.kind !== 'agent') continue;
        for (const fragment of fragments) {
          if (fragment.kind !== 'fragment') continue;
          try {
            const result = applyFragments(agent.document, [fragment.document], [fragment.source]);
            expect(applyFragments(result, [fragment.document])).toEqual(result);
            merged++;
          } catch (error) {
            expect(error).toBeInstanceOf(UserInputError);
            expect((error as UserInputError).message).toContain(agent.document.persona.name);
            expect((error as UserInputError).message).toContain(fragment.source);
          }
        }
      }
      expect(merged).toBeGreaterThan(40);
    });

    it("demography documents parse, and China and Norway don't come out American on the offline model", async () => {
      for (const file of files.filter((file) => !isPersonaFile(file)))
        expect(parseDemographyText(read(file), path.basename(file)).title).toMatch(/Population/);
      for (const [file, nationality, country] of [
        ['october-2025/populations/china.json', 'Chinese', 'China'],
        ['october-2025/populations/norway.json', 'Norwegian', 'Norway'],
      ]) {
        const demography = parseDemographyText(read(file), path.basename(file));
        const { personas } = await new TinyPersonFactory(
          new OfflineModel({ responders: factoryOfflineResponders }),
        ).create({
          count: 6,
          demography,
        });
        for (const { spec } of personas) {
          expect(spec.nationality).toBe(nationality);
          expect(String(spec.residence)).toContain(country);
          expect(spec.name).not.toMatch(/\b(Emily|Sarah|James|Michael|Smith|Johnson|Miller)\b/);
        }
      }
    });
  },
);
