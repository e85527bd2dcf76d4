import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { startLocalChat } from '../../../adapters/local/index.js';
import { readLineFiles } from '../../../adapters/local/local-files.js';
import { OfflineModel } from '../../../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../../../engine/llm/offline/all-responders.js';
import { MemoryStore } from '../../../engine/store/memory-store.js';
import { parseAgentFile } from '../../../personas/index.js';
import { HAS_TINYTROUPE, NEEDS_TINYTROUPE, OWN_FORMAT_DIR, TINYTROUPE_DIR } from '../../fixtures/tinytroupe.js';

const POPULATION = path.join(OWN_FORMAT_DIR, 'population');

async function chat(lines: string[], cwd: string) {
  const store = new MemoryStore();
  const out = new PassThrough();
  let text = '';
  out.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    await startLocalChat({
      store,
      model: new OfflineModel({ responders: allOfflineResponders() }),
      limits: { maxPanelSize: 50, maxConcurrentJobs: 3 },
      input: Readable.from(lines.map((line) => `${line}\n`)),
      output: out,
      tty: false,
      interactive: false,
      outDir: path.join(cwd, 'out'),
    });
  } finally {
    process.chdir(previous);
  }
  return { output: text, store };
}

describe('local chat: a path stands for an upload', () => {
  it('reads a file, a folder or a zip for /panel add, and a demography file for /panel create', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'troupe-local-files-'));
    await copyFile(path.join(POPULATION, 'Ingrid Bakke.agent.json'), path.join(cwd, 'Ingrid Bakke.agent.json'));
    expect(await readLineFiles('/panel add ./Ingrid Bakke.agent.json --panel p', cwd)).toMatchObject({
      text: '/panel add --panel p',
      files: [{ name: 'Ingrid Bakke.agent.json' }],
    });
    const folder = await readLineFiles(`/panel add ${POPULATION}`, cwd);
    expect(folder.files.map((file) => file.name)).toContain('bargain-hunter.agent.fragment.json');
    expect(folder.files.map((file) => file.name)).not.toContain('notes.txt');
    await expect(readLineFiles('/panel add ./missing.agent.json', cwd)).rejects.toThrow(
      /There is no file or folder at \.\/missing\.agent\.json/,
    );
    expect(await readLineFiles('/panel add a nurse in Leeds', cwd)).toEqual({
      text: '/panel add a nurse in Leeds',
      files: [],
    });
    expect(await readLineFiles('/panel add {"name": "./x.json"}', cwd)).toEqual({
      text: '/panel add {"name": "./x.json"}',
      files: [],
    });
  });

  it('end to end: create from a demography file, add a folder and a zip, export TinyTroupe files', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'troupe-local-e2e-'));
    const norway = JSON.parse(
      await readFile(path.resolve(import.meta.dirname, '../../../personas/demography/norway.json'), 'utf8'),
    );
    norway.title = 'Vestland Population Information';
    await writeFile(path.join(cwd, 'vestland.json'), JSON.stringify(norway));
    const zip = new JSZip();
    zip.file('Wei Zhang.agent.json', await readFile(path.join(POPULATION, 'Wei Zhang.agent.json')));
    await writeFile(path.join(cwd, 'more.zip'), await zip.generateAsync({ type: 'uint8array' }));
    const { output, store } = await chat(
      [
        '/panel create 3 --demography ./vestland.json --name vest',
        `/panel add ${POPULATION}`,
        '/panel add ./more.zip',
        '/panel add ./nope.zip',
        '/panel export tinytroupe',
      ],
      cwd,
    );
    const panel = (await store.getPanel('local', 'vest'))!;
    const personas = await store.listPersonas('local', panel.id);
    expect(personas.slice(0, 3).every((persona) => persona.spec.nationality === 'Norwegian')).toBe(true);
    expect(personas.map((persona) => persona.name)).toEqual(expect.arrayContaining(['Ingrid Bakke', 'Wei Zhang']));
    expect(output).toMatch(/Added 2 personas to panel "vest": Ingrid Bakke .*; Wei Zhang \(30/);
    expect(output).toMatch(/Read 3 of 6 files; .*Broken Age\.agent\.json: persona\.age should be a number or text/);
    expect(output).toContain(
      'Wei Zhang.agent.json: a persona named "Wei Zhang" is already in this upload (Wei Zhang (copy).agent.json)',
    );
    expect(output).toContain(
      'Nothing was added to panel "vest": Wei Zhang.agent.json: a persona named "Wei Zhang" already exists',
    );
    expect(output).toContain('There is no file or folder at ./nope.zip');
    const exported = /(\S+vest\.tinytroupe\.zip)/.exec(output)?.[1];
    expect(exported).toBeDefined();
    const files = await JSZip.loadAsync(await readFile(exported!));
    expect(Object.keys(files.files)).toHaveLength(personas.length);
    const wei = await files.file('Wei Zhang.agent.json')!.async('string');
    expect(parseAgentFile(JSON.parse(wei)).persona.name).toBe('Wei Zhang');
  });
});

describe.runIf(HAS_TINYTROUPE)(
  `local chat: TinyTroupe's own population folder and fragment by path ${NEEDS_TINYTROUPE}`,
  () => {
    it('adds all 20 October-2025 agents from the folder and merges picky_customer into every persona', async () => {
      const cwd = await mkdtemp(path.join(tmpdir(), 'troupe-local-real-'));
      const october = path.join(TINYTROUPE_DIR, 'october-2025');
      const { output, store } = await chat(
        [
          '/panel create 1 UK shoppers --name real',
          `/panel add ${path.join(october, 'difficult_people_2')}`,
          `/panel add ${path.join(october, 'picky_customer.agent.fragment.json')}`,
        ],
        cwd,
      );
      expect(output).toMatch(/Added 20 personas to panel "real"/);
      expect(output).toContain('Merged picky_customer.agent.fragment.json into every persona of panel "real".');
      const personas = await store.listPersonas('local', (await store.getPanel('local', 'real'))!.id);
      expect(personas).toHaveLength(21);
      for (const persona of personas) expect(persona.spec.beliefs).toContain('I have everything I need');
    });
  },
);

describe('local chat: a multi-line JSON paste', () => {
  it('is read whole (the terminal sends it line by line), verbatim, and an unclosed one still gets its error', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'troupe-local-paste-'));
    const agent = {
      type: 'TinyPerson',
      persona: { name: 'Siv Ås', style: 'Dry  — “exact”; {braces} in text', age: 61 },
    };
    const { output, store } = await chat(
      [
        '/panel create 1 nurses in Bergen --name paste',
        ...`/panel add ${JSON.stringify(agent, null, 4)}`.split('\n'),
        '/panel add {',
        '    "name": "Never Closed",',
      ],
      cwd,
    );
    const personas = await store.listPersonas('local', (await store.getPanel('local', 'paste'))!.id);
    expect(personas.find((persona) => persona.name === 'Siv Ås')?.spec).toEqual(agent.persona);
    expect(output).toContain('The pasted JSON is not valid JSON');
  });
});
