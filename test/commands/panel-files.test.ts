import { readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { MAX_PASTED_JSON_CHARS } from '../../commands/grammar/raw-json.js';
import { parseAgentFile, dumpsLikePython } from '../../personas/index.js';
import { OWN_FORMAT_DIR } from '../fixtures/tinytroupe.js';
import { CONVERSATION, makeService, run } from './harness.js';

const POPULATION = path.join(OWN_FORMAT_DIR, 'population');
const read = (name: string) => readFile(path.join(POPULATION, name), 'utf8');
const file = async (name: string) => ({ name, bytes: new Uint8Array(await readFile(path.join(POPULATION, name))) });

async function seatedPanel() {
  const harness = makeService();
  await run(harness.service, '/panel create 2 US parents --name parents');
  const panel = (await harness.store.getPanel(CONVERSATION.tenantId, 'parents'))!;
  const personas = () => harness.store.listPersonas(CONVERSATION.tenantId, panel.id);
  return { ...harness, panel, personas };
}

/** A real-size agent whose text the command tokenizer would mangle: curly quotes, apostrophes, an em dash, double spaces. */
async function trickyAgent(): Promise<string> {
  const ingrid = JSON.parse(await read('Ingrid Bakke.agent.json'));
  ingrid.persona.name = 'Ingrid “Inga” Bakke';
  ingrid.persona.style.overview = "Dry — exact,  and patient; won't say ‘maybe’ --she means no.";
  ingrid.persona.other_facts.push(
    ...Array.from({ length: 12 }, (_, i) => `Logbook note ${i + 1}: crossing  delayed — “fog” again, she’d say.`),
  );
  return JSON.stringify(ingrid, null, 4);
}

describe('/panel add with pasted JSON: taken verbatim, never tokenized', () => {
  it('adds a real-size agent (over the 4,000-character command limit) with every character as pasted', async () => {
    const { service, sink, personas } = await seatedPanel();
    const text = await trickyAgent();
    expect(text.length).toBeGreaterThan(4000);
    await run(service, `/panel add ${text}`);
    const added = (await personas()).find((persona) => persona.name === 'Ingrid “Inga” Bakke');
    expect(added?.spec).toEqual(JSON.parse(text).persona);
    expect(sink.texts().at(-1)).toMatch(/^Added Ingrid “Inga” Bakke \(57, Female/);
  });

  it('takes a fenced code block and a --panel after the JSON', async () => {
    const { service, sink, personas } = await seatedPanel();
    const fragment = JSON.stringify({
      type: 'Fragment',
      persona: { beliefs: ['Trains  beat — planes; that’s “final”.'] },
    });
    await run(service, `/panel add \`\`\`json\n${fragment}\n\`\`\` --panel parents`);
    expect(sink.texts().at(-1)).toBe('Merged the pasted fragment into 2 personas of panel "parents".');
    for (const persona of await personas())
      expect(persona.spec.beliefs).toContain('Trains  beat — planes; that’s “final”.');
  });

  it('says which field is wrong, in words, never a raw issue dump, and states the paste limit', async () => {
    const { service, sink } = await seatedPanel();
    await run(service, '/panel add {"type": "TinyPerson", "persona": {"name": "Bo", "age": true}}');
    expect(sink.texts().at(-1)).toContain(
      'The pasted agent: persona.age should be a number or text, e.g. "age": 41; it is true.',
    );
    expect(sink.texts().at(-1)).not.toMatch(/Something went wrong|"expected"|invalid_type/);
    await run(service, '/panel add {"name": "Bo", "beliefs": "x"}');
    expect(sink.texts().at(-1)).toContain('The pasted persona: persona.beliefs should be a list of text');
    await run(service, `/panel add {"name": "Big", "other_facts": ["${'x'.repeat(MAX_PASTED_JSON_CHARS)}"]}`);
    expect(sink.texts().at(-1)).toContain('the limit is 40,000. Attach the file to /panel add instead of pasting it.');
  });

  it('names the persona and the fragment in a conflict (no “the fragment from the fragment”)', async () => {
    const { service, sink, personas } = await seatedPanel();
    const names = (await personas()).map((persona) => persona.name);
    await run(service, '/panel add {"type": "Fragment", "persona": {"age": "very old"}}');
    const message = sink.texts().at(-1)!;
    expect(message).toMatch(
      new RegExp(
        `persona\\.age: ${names[0]} has a number \\(\\d+\\) but the pasted fragment has text \\("very old"\\)`,
      ),
    );
    expect(message).not.toContain('the fragment from');
  });
});

describe('/panel add with files (uploads on every platform, a path in the local chat)', () => {
  it('adds agents, merges fragments, reports each bad file by name and field, and adds the rest', async () => {
    const { service, sink, personas } = await seatedPanel();
    const files = await Promise.all(
      ['Ingrid Bakke.agent.json', 'Broken Age.agent.json', 'bargain-hunter.agent.fragment.json', 'notes.txt'].map(file),
    );
    await service.handle(CONVERSATION, '/panel add', files);
    const text = sink.texts().at(-1)!;
    expect(text).toMatch(/^Added 1 persona to panel "parents": Ingrid Bakke \(57, Female/);
    expect(text).toContain('Merged bargain-hunter.agent.fragment.json into every persona of panel "parents".');
    expect(text).toContain('Read 2 of 3 files; Broken Age.agent.json: persona.age should be a number or text');
    const all = await personas();
    expect(all.map((persona) => persona.name)).toContain('Ingrid Bakke');
    for (const persona of all)
      expect(persona.spec.beliefs).toContain('A bargain is only a bargain if you needed the thing.');
  });

  it('unpacks a zip; a name already in the workspace is refused by name', async () => {
    const { service, sink, personas } = await seatedPanel();
    const zip = new JSZip();
    for (const name of ['Ingrid Bakke.agent.json', 'Wei Zhang.agent.json'])
      zip.file(`people/${name}`, await read(name));
    zip.file('__MACOSX/._Wei Zhang.agent.json', 'junk');
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    await service.handle(CONVERSATION, '/panel add', [{ name: 'people.zip', bytes }]);
    expect(sink.texts().at(-1)).toMatch(/^Added 2 personas to panel "parents": Ingrid Bakke .*; Wei Zhang \(29, Male/);
    await service.handle(CONVERSATION, '/panel add', [{ name: 'people.zip', bytes }]);
    expect(sink.texts().at(-1)).toContain(
      'Nothing was added to panel "parents": Ingrid Bakke.agent.json: a persona named "Ingrid Bakke" already exists in this workspace',
    );
    expect(await personas()).toHaveLength(4);
  });

  it('points a demography file to /panel create --demography', async () => {
    const { service, sink } = await seatedPanel();
    const bytes = new TextEncoder().encode(
      '{"title": "Norway Population Information", "content": {"Demographics": {}}}',
    );
    await service.handle(CONVERSATION, '/panel add', [{ name: 'norway.json', bytes }]);
    expect(sink.texts().at(-1)).toContain(
      'norway.json is a demography document; use it with /panel create <n> --demography norway.json',
    );
  });
});

describe('/panel export tinytroupe: a zip of .agent.json files TinyTroupe loads, importable again', () => {
  it('exports every persona in TinyTroupe’s format and style, and /panel add of the zip brings them back elsewhere', async () => {
    const { service, sink, personas } = await seatedPanel();
    await service.handle(CONVERSATION, '/panel add', [await file('Ingrid Bakke.agent.json')]);
    await run(service, '/panel ask What would make a ferry app worth paying for?');
    await run(service, '/export tinytroupe');
    const reply = sink.posts.at(-1)!.reply;
    if (reply.kind !== 'file') throw new Error(`expected a file, got ${reply.kind}`);
    expect(reply.filename).toBe('parents.tinytroupe.zip');
    const zip = await JSZip.loadAsync(reply.bytes);
    const names = Object.keys(zip.files).sort();
    const expected = (await personas()).map((persona) => `${persona.name}.agent.json`).sort();
    expect(names).toEqual(expected);
    const ingridText = await zip.file('Ingrid Bakke.agent.json')!.async('string');
    const ingrid = parseAgentFile(JSON.parse(ingridText), 'Ingrid Bakke.agent.json');
    expect(ingridText).toBe(dumpsLikePython(ingrid));
    expect(ingrid.persona).toEqual(JSON.parse(await read('Ingrid Bakke.agent.json')).persona);
    const memory =
      (ingrid as { episodic_memory?: { memory: { type: string; role: string }[] } }).episodic_memory?.memory ?? [];
    expect(memory.some((item) => item.type === 'stimulus' && item.role === 'user')).toBe(true);
    expect(memory.some((item) => item.type === 'action' && item.role === 'assistant')).toBe(true);

    const elsewhere = makeService();
    const other = { ...CONVERSATION, tenantId: 'T2' };
    await run(elsewhere.service, '/panel create 1 nurses in Lagos --name lagos', other);
    await elsewhere.service.handle(other, '/panel add', [{ name: reply.filename, bytes: reply.bytes }]);
    expect(elsewhere.sink.texts().at(-1)).toMatch(/^Added 3 personas to panel "lagos"/);
    const panel = (await elsewhere.store.getPanel('T2', 'lagos'))!;
    const imported = await elsewhere.store.listPersonas('T2', panel.id);
    expect(imported.find((persona) => persona.name === 'Ingrid Bakke')?.spec).toEqual(ingrid.persona);
  });

  it('/panel export needs the format and says so', async () => {
    const { service, sink } = await seatedPanel();
    await run(service, '/panel export docx');
    expect(sink.texts().at(-1)).toMatch(/The format must be tinytroupe/);
  });
});

describe('/panel create --demography', () => {
  it('samples from a built-in document, or from an attached one named in the flag', async () => {
    const { service, store, sink } = makeService();
    await run(service, '/panel create 4 --demography china --name cn');
    const cn = await store.listPersonas(CONVERSATION.tenantId, (await store.getPanel(CONVERSATION.tenantId, 'cn'))!.id);
    expect(cn.map((persona) => persona.spec.nationality)).toEqual(['Chinese', 'Chinese', 'Chinese', 'Chinese']);
    const norway = await readFile(path.resolve(import.meta.dirname, '../../personas/demography/norway.json'));
    await service.handle(CONVERSATION, '/panel create 3 ferry commuters --demography fjords.json --name fj', [
      { name: 'fjords.json', bytes: new Uint8Array(norway) },
    ]);
    await service.whenIdle();
    const fj = await store.listPersonas(CONVERSATION.tenantId, (await store.getPanel(CONVERSATION.tenantId, 'fj'))!.id);
    expect(fj.every((persona) => persona.spec.nationality === 'Norwegian')).toBe(true);
    await run(service, '/panel create 3 --demography atlantis');
    expect(sink.texts().at(-1)).toMatch(
      /no built-in demography "atlantis"\. Built-in: brazil, china, norway, scandinavia, usa/,
    );
    await run(service, '/panel create 3 --demography mine.json');
    expect(sink.texts().at(-1)).toMatch(/--demography mine\.json: no file of that name is attached/);
    await run(service, '/panel create 3');
    expect(sink.texts().at(-1)).toMatch(/The description is missing: say who is in the panel, or give --demography/);
  });
});

describe('/panel add: a fragment that would leave a persona unreadable', () => {
  it('is refused in words naming the persona, the fragment and the field (never a zod dump), changing nobody', async () => {
    const { service, sink, store } = makeService();
    const panel = await store.createPanel(CONVERSATION.tenantId, { name: 'solo', description: 'one person' });
    await store.addPersonas(CONVERSATION.tenantId, panel.id, [{ name: 'Bo Lind', spec: { name: 'Bo Lind', age: 40 } }]);
    await store.seatPanel(CONVERSATION.tenantId, CONVERSATION.channelKey, panel.id);
    const personas = () => store.listPersonas(CONVERSATION.tenantId, panel.id);
    const before = JSON.stringify(await personas());
    await run(service, '/panel add {"type": "Fragment", "persona": {"preferences": {"likes": "everything"}}}');
    const message = sink.texts().at(-1)!;
    expect(message).toMatch(
      /^Bo Lind after merging the pasted fragment: persona\.preferences\.likes should be a list of text, e\.g\. "likes": \["Coffee"\]; it is the text "everything"\./,
    );
    expect(message).not.toMatch(/Something went wrong|"expected"/);
    expect(JSON.stringify(await personas())).toBe(before);
  });
});
