/**
 * Persona files in and out: reading (size/depth checks, tolerant schema, file errors), writing back
 * byte-identical (Python-style `json.dumps(indent=4)`), and a 50-persona TinyTroupe zip export read
 * back as an upload. The baseline beside each figure is the floor any loader pays: bare
 * `JSON.parse` / `JSON.stringify` of the same texts. Uses the project's own TinyTroupe-format files,
 * plus TinyTroupe's October-2025 population when `../shared/fixtures/tinytroupe/` exists.
 *
 *   npx tsx bench/persona-files.ts
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parsePersonaText, readUploads, serializeAgentFile, tinyTroupeZip } from '../personas/index.js';

const repo = path.resolve(import.meta.dirname, '..');
const folders = [
  path.join(repo, 'personas/library'),
  path.join(repo, 'test/fixtures/tinytroupe-format/population'),
  path.resolve(repo, '../shared/fixtures/tinytroupe/october-2025/difficult_people_2'),
].filter((folder) => existsSync(folder));
const texts = folders.flatMap((folder) =>
  readdirSync(folder)
    .filter((name) => /\.(agent|fragment)\.json$/.test(name))
    .map((name) => ({ name, text: readFileSync(path.join(folder, name), 'utf8') }))
    .filter(({ text }) => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    }),
);
const bytes = texts.reduce((sum, { text }) => sum + Buffer.byteLength(text), 0);
const ROUNDS = 40;

function time(work: () => void): number {
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) work();
  return (performance.now() - started) / ROUNDS;
}

const loaded = texts.flatMap(({ name, text }) => {
  try {
    return [parsePersonaText(text, name)];
  } catch {
    return [];
  }
});
const readMs = time(() => {
  for (const { name, text } of texts)
    try {
      parsePersonaText(text, name);
    } catch {
      // bad test files are part of the load
    }
});
const parseMs = time(() => {
  for (const { text } of texts) JSON.parse(text);
});
const writeMs = time(() => {
  for (const content of loaded) serializeAgentFile(content.document);
});
const stringifyMs = time(() => {
  for (const content of loaded) JSON.stringify(content.document, null, 4);
});
const identical = loaded.filter(
  (content) => serializeAgentFile(content.document, content.text) === content.text,
).length;

const agents = loaded.filter((content) => content.kind === 'agent');
const cohort = Array.from({ length: 50 }, (_, i) => {
  const { persona } = agents[i % agents.length].document as { persona: { name: string } };
  return { spec: { ...persona, name: `${persona.name} ${i + 1}` } };
});
let started = performance.now();
const zip = await tinyTroupeZip(cohort);
const exportMs = performance.now() - started;
started = performance.now();
const back = await readUploads([{ name: 'panel.tinytroupe.zip', bytes: zip }]);
const importMs = performance.now() - started;

const perFile = (ms: number) => `${((ms / texts.length) * 1000).toFixed(0)} µs/file`;
console.log(
  `persona-files: ${texts.length} files (${(bytes / 1024).toFixed(0)} KB) from ${folders.length} folders, ${ROUNDS} rounds`,
);
console.log(`RESULT persona-files read = ${perFile(readMs)} (baseline JSON.parse ${perFile(parseMs)})`);
console.log(`RESULT persona-files write = ${perFile(writeMs)} (baseline JSON.stringify ${perFile(stringifyMs)})`);
console.log(`RESULT persona-files byte-identical round trips = ${identical} of ${loaded.length} loaded files`);
console.log(
  `RESULT persona-files export 50 personas = ${exportMs.toFixed(0)} ms, ${(zip.byteLength / 1024).toFixed(0)} KB zip; import back = ${importMs.toFixed(0)} ms, ${back.personas.length} agents, ${back.failures.length} failures`,
);
