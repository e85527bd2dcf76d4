import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserInputError } from '../engine/errors.js';
import { formatSpecIssues } from '../engine/agent/format-issues.js';
import {
  AgentFileSchema,
  FragmentFileSchema,
  type AgentFile,
  type FragmentFile,
} from '../engine/agent/persona-spec.js';

const AGENT_EXAMPLE =
  '{"type": "TinyPerson", "persona": {"name": "Ada Quist", "age": 41, "occupation": {"title": "Nurse"}}}';
const FRAGMENT_EXAMPLE = '{"type": "Fragment", "persona": {"beliefs": ["Buy local when possible."]}}';

/** True for `*.fragment.json` (including TinyTroupe's `*.agent.fragment.json`). */
export function isFragmentFileName(name: string): boolean {
  return name.endsWith('.fragment.json');
}

/** True for `*.agent.json` agent files. */
export function isAgentFileName(name: string): boolean {
  return name.endsWith('.agent.json') && !isFragmentFileName(name);
}

function typeOf(data: unknown): unknown {
  return data && typeof data === 'object' ? (data as Record<string, unknown>).type : undefined;
}

/**
 * Validates a parsed TinyTroupe agent document. Returns it unchanged (a deep copy: key order,
 * extra fields and saved-state keys all kept); throws `persona.invalid` naming the JSON path and
 * what was expected.
 *
 * @example
 *   parseAgentFile(JSON.parse(text), 'Lisa.agent.json');
 */
export function parseAgentFile(data: unknown, source = 'agent file'): AgentFile {
  const type = typeOf(data);
  if (type === 'Fragment')
    throw new UserInputError(
      'persona.invalid',
      `${source}: this is a fragment (type "Fragment"), not an agent; apply it to an agent instead.`,
      AGENT_EXAMPLE,
    );
  if (type !== 'TinyPerson')
    throw new UserInputError(
      'persona.invalid',
      `${source}: type: expected "TinyPerson", got ${JSON.stringify(type ?? null)}.`,
      AGENT_EXAMPLE,
    );
  const parsed = AgentFileSchema.safeParse(data);
  if (!parsed.success)
    throw new UserInputError('persona.invalid', `${source}: ${formatSpecIssues(parsed.error, data)}`, AGENT_EXAMPLE);
  return structuredClone(data) as AgentFile;
}

/** Validates a parsed fragment (`{"type": "Fragment", "persona": {…}}`); anything else is an error. */
export function parseFragmentFile(data: unknown, source = 'fragment file'): FragmentFile {
  const type = typeOf(data);
  if (type !== 'Fragment')
    throw new UserInputError(
      'persona.fragment_invalid',
      `${source}: type: expected "Fragment", got ${JSON.stringify(type ?? null)}.`,
      FRAGMENT_EXAMPLE,
    );
  const parsed = FragmentFileSchema.safeParse(data);
  if (!parsed.success)
    throw new UserInputError(
      'persona.fragment_invalid',
      `${source}: ${formatSpecIssues(parsed.error, data)}`,
      FRAGMENT_EXAMPLE,
    );
  return structuredClone(data) as FragmentFile;
}

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UserInputError(
      'persona.json',
      `${path.basename(file)} is not valid JSON: ${(error as Error).message}`,
      AGENT_EXAMPLE,
    );
  }
}

/** Reads and validates one `.agent.json` file. */
export async function loadAgentFile(file: string): Promise<AgentFile> {
  return parseAgentFile(await readJson(file), path.basename(file));
}

/** Reads and validates one `.fragment.json` file. */
export async function loadFragmentFile(file: string): Promise<FragmentFile> {
  return parseFragmentFile(await readJson(file), path.basename(file));
}

/** The agent file as TinyTroupe writes it (4-space JSON, `type` and `persona` first). */
export function serializeAgentFile(agent: AgentFile): string {
  const { type, persona, ...rest } = agent;
  return `${JSON.stringify({ type, persona, ...rest }, null, 4)}\n`;
}

/** Writes a persona back in TinyTroupe's format (validated first). */
export async function saveAgentFile(file: string, agent: AgentFile): Promise<void> {
  parseAgentFile(agent, path.basename(file));
  await writeFile(file, serializeAgentFile(agent), 'utf8');
}

/** A loaded file and where it came from. */
export interface Loaded<T> {
  file: string;
  document: T;
}

/** What a folder holds: agents (a population) and fragments, each sorted by file name. */
export interface PersonaFolder {
  agents: Loaded<AgentFile>[];
  fragments: Loaded<FragmentFile>[];
}

/**
 * Loads every `*.agent.json` and `*.fragment.json` in a folder (other files are ignored). Persona
 * names must be unique within the folder.
 *
 * @example
 *   const { agents } = await loadPersonaFolder('personas/library');
 */
export async function loadPersonaFolder(dir: string): Promise<PersonaFolder> {
  const names = (await readdir(dir)).sort();
  const agents: Loaded<AgentFile>[] = [];
  const fragments: Loaded<FragmentFile>[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    if (isFragmentFileName(name)) fragments.push({ file, document: await loadFragmentFile(file) });
    else if (isAgentFileName(name)) agents.push({ file, document: await loadAgentFile(file) });
  }
  const seen = new Map<string, string>();
  for (const { file, document } of agents) {
    const other = seen.get(document.persona.name);
    if (other)
      throw new UserInputError(
        'persona.duplicate_name',
        `${path.basename(file)} and ${path.basename(other)} both define "${document.persona.name}"; names must be unique in a population.`,
      );
    seen.set(document.persona.name, file);
  }
  return { agents, fragments };
}

/** Loads a population: every agent file in a folder, sorted by file name. */
export async function loadPopulation(dir: string): Promise<AgentFile[]> {
  return (await loadPersonaFolder(dir)).agents.map((loaded) => loaded.document);
}
