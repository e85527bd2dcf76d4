import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  AgentFileSchema,
  FragmentFileSchema,
  type AgentFile,
  type FragmentFile,
} from '../engine/agent/persona-spec.js';
import { UserInputError } from '../engine/errors.js';
import { describeFileIssues } from './file-errors.js';
import { parseJsonText } from './json-limits.js';
import { detectJsonStyle, dumpsLikePython, TINYTROUPE_STYLE } from './python-json.js';

export const AGENT_EXAMPLE =
  '{"type": "TinyPerson", "persona": {"name": "Ada Quist", "age": 41, "occupation": {"title": "Nurse"}}}';
export const FRAGMENT_EXAMPLE = '{"type": "Fragment", "persona": {"beliefs": ["Buy local when possible."]}}';

/** True for `*.fragment.json` (including TinyTroupe's `*.agent.fragment.json`). */
export function isFragmentFileName(name: string): boolean {
  return name.endsWith('.fragment.json');
}

/** True for `*.agent.json` agent files. */
export function isAgentFileName(name: string): boolean {
  return name.endsWith('.agent.json') && !isFragmentFileName(name);
}

function typeOf(data: unknown): unknown {
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>).type : undefined;
}

function describeType(type: unknown): string {
  return type === undefined ? 'missing' : JSON.stringify(type);
}

/**
 * Validates a parsed TinyTroupe agent document. Returns it unchanged (a deep copy: key order,
 * extra fields and saved-state keys all kept); throws `persona.invalid` naming the file, the field
 * and the shape expected.
 *
 * @example
 *   parseAgentFile(JSON.parse(text), 'Lisa.agent.json');
 */
export function parseAgentFile(data: unknown, source = 'agent file'): AgentFile {
  const type = typeOf(data);
  if (type === 'Fragment')
    throw new UserInputError(
      'persona.invalid',
      `${source}: this is a fragment ("type": "Fragment"), not an agent; add it to a panel to merge it into every persona.`,
      AGENT_EXAMPLE,
    );
  if (type !== 'TinyPerson')
    throw new UserInputError(
      'persona.invalid',
      `${source}: "type" should be "TinyPerson" for an agent file; it is ${describeType(type)}.`,
      AGENT_EXAMPLE,
    );
  const parsed = AgentFileSchema.safeParse(data);
  if (!parsed.success)
    throw new UserInputError('persona.invalid', describeFileIssues(parsed.error, data, source), AGENT_EXAMPLE);
  return structuredClone(data) as AgentFile;
}

/** Validates a parsed fragment (`{"type": "Fragment", "persona": {…}}`); anything else is an error naming the file. */
export function parseFragmentFile(data: unknown, source = 'fragment file'): FragmentFile {
  const type = typeOf(data);
  if (type !== 'Fragment')
    throw new UserInputError(
      'persona.fragment_invalid',
      `${source}: "type" should be "Fragment" for a fragment file; it is ${describeType(type)}.`,
      FRAGMENT_EXAMPLE,
    );
  const parsed = FragmentFileSchema.safeParse(data);
  if (!parsed.success)
    throw new UserInputError(
      'persona.fragment_invalid',
      describeFileIssues(parsed.error, data, source),
      FRAGMENT_EXAMPLE,
    );
  return structuredClone(data) as FragmentFile;
}

/** A persona file read from text: which kind it is, the document, and the text it came from (for saving back). */
export type PersonaFileContent =
  | { kind: 'agent'; source: string; document: AgentFile; text: string }
  | { kind: 'fragment'; source: string; document: FragmentFile; text: string };

/**
 * Reads one persona file's text (size and depth checked before parsing): an agent
 * (`"type": "TinyPerson"`) or a fragment (`"type": "Fragment"`), whatever its name.
 *
 * @example
 *   const content = parsePersonaText(await readFile('Lisa.agent.json', 'utf8'), 'Lisa.agent.json');
 */
export function parsePersonaText(text: string, source: string): PersonaFileContent {
  const data = parseJsonText(text, source, AGENT_EXAMPLE);
  if (typeOf(data) === 'Fragment') return { kind: 'fragment', source, document: parseFragmentFile(data, source), text };
  return { kind: 'agent', source, document: parseAgentFile(data, source), text };
}

/** Reads and validates one `.agent.json` file. */
export async function loadAgentFile(file: string): Promise<AgentFile> {
  const source = path.basename(file);
  return parseAgentFile(parseJsonText(await readFile(file, 'utf8'), source, AGENT_EXAMPLE), source);
}

/** Reads and validates one `.fragment.json` file. */
export async function loadFragmentFile(file: string): Promise<FragmentFile> {
  const source = path.basename(file);
  return parseFragmentFile(parseJsonText(await readFile(file, 'utf8'), source, FRAGMENT_EXAMPLE), source);
}

/**
 * The agent file as text. Given the text it was read from, an unchanged document comes back as
 * that exact text and a changed one in the same style (indent, `\uXXXX` escapes, final newline);
 * without it, as TinyTroupe writes (`json.dumps(indent=4)`, `ensure_ascii`, no final newline).
 * Key order is kept as it came.
 *
 * @example
 *   serializeAgentFile(agent, originalText) === originalText; // when nothing changed
 */
export function serializeAgentFile(agent: AgentFile | FragmentFile, original?: string): string {
  if (original !== undefined) {
    try {
      if (isDeepStrictEqual(JSON.parse(original), agent)) return original;
    } catch {
      // Not JSON: write the document in TinyTroupe's style below.
    }
  }
  return dumpsLikePython(agent, original === undefined ? TINYTROUPE_STYLE : detectJsonStyle(original));
}

/** Writes a persona back in TinyTroupe's format (validated first); `original` keeps the style it was read in. */
export async function saveAgentFile(file: string, agent: AgentFile, original?: string): Promise<void> {
  parseAgentFile(agent, path.basename(file));
  await writeFile(file, serializeAgentFile(agent, original), 'utf8');
}

/** A loaded file and where it came from. */
export interface Loaded<T> {
  file: string;
  document: T;
  /** The text it was read from (so a save can give back the same bytes). */
  text?: string;
}

/** A file of a folder that could not be loaded, and why (the message names the file and the field). */
export interface LoadFailure {
  file: string;
  message: string;
}

/** What a folder holds: agents (a population) and fragments, each sorted by file name, and the files refused. */
export interface PersonaFolder {
  agents: Loaded<AgentFile>[];
  fragments: Loaded<FragmentFile>[];
  failures: LoadFailure[];
}

/**
 * Loads every `*.agent.json` and `*.fragment.json` in a folder (other files are ignored). A bad file
 * does not stop the load: it is listed in `failures` with its reason, and the rest load. A second
 * agent with a name already taken is a failure too (names are unique within a population).
 *
 * @example
 *   const folder = await loadPersonaFolder('personas/library');
 *   console.log(describeFolderLoad(folder)); // 'loaded 6 of 6 persona files'
 */
export async function loadPersonaFolder(dir: string): Promise<PersonaFolder> {
  const names = (await readdir(dir)).sort();
  const folder: PersonaFolder = { agents: [], fragments: [], failures: [] };
  const seen = new Map<string, string>();
  for (const name of names) {
    if (!isFragmentFileName(name) && !isAgentFileName(name)) continue;
    const file = path.join(dir, name);
    try {
      const text = await readFile(file, 'utf8');
      if (isFragmentFileName(name)) {
        const document = parseFragmentFile(parseJsonText(text, name, FRAGMENT_EXAMPLE), name);
        folder.fragments.push({ file, document, text });
        continue;
      }
      const document = parseAgentFile(parseJsonText(text, name, AGENT_EXAMPLE), name);
      const key = document.persona.name.trim().toLowerCase();
      const other = seen.get(key);
      if (other) {
        folder.failures.push({
          file,
          message: `${name}: persona.name "${document.persona.name}" is already used by ${path.basename(other)}; names must be unique in a population.`,
        });
        continue;
      }
      seen.set(key, file);
      folder.agents.push({ file, document, text });
    } catch (error) {
      if (!(error instanceof UserInputError)) throw error;
      folder.failures.push({ file, message: error.message });
    }
  }
  return folder;
}

/**
 * One line about a folder load: how many files loaded, and each refused file with its reason.
 *
 * @example
 *   describeFolderLoad(folder); // 'loaded 44 of 45 persona files; Bob.agent.json: persona.age should be …'
 */
export function describeFolderLoad(folder: PersonaFolder): string {
  const loaded = folder.agents.length + folder.fragments.length;
  const total = loaded + folder.failures.length;
  const head = `loaded ${loaded} of ${total} persona file${total === 1 ? '' : 's'}`;
  return [head, ...folder.failures.map((failure) => failure.message.replace(/\.$/, ''))].join('; ');
}

/** Loads a population: every agent file in a folder, sorted by file name (bad files skipped; see `loadPersonaFolder`). */
export async function loadPopulation(dir: string): Promise<AgentFile[]> {
  return (await loadPersonaFolder(dir)).agents.map((loaded) => loaded.document);
}
