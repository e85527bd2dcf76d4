import type { AgentFile, FragmentFile } from '../engine/agent/persona-spec.js';
import { UserInputError } from '../engine/errors.js';
import { FRAGMENT_EXAMPLE } from './loader.js';

type Json = unknown;

function isPlainObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function kindOf(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}

function show(value: Json): string {
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Equality as TinyTroupe's `remove_duplicates` sees it (Python's `==`): objects equal whatever their
 * key order, and `true == 1`, `false == 0` (Python booleans are numbers), so `[1, true] + [1.0]`
 * keeps only `1`, as TinyTroupe does.
 */
function pythonEqual(left: Json, right: Json): boolean {
  const numeric = (value: Json) => (typeof value === 'boolean' ? Number(value) : value);
  const a = numeric(left);
  const b = numeric(right);
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => pythonEqual(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && pythonEqual(a[key], b[key]));
  }
  return false;
}

/** A list concatenation that keeps order and drops later duplicates (Python equality, like TinyTroupe). */
function concatUnique(left: Json[], right: Json[]): Json[] {
  const result: Json[] = [];
  for (const item of [...left, ...right])
    if (!result.some((kept) => pythonEqual(kept, item))) result.push(structuredClone(item));
  return result;
}

/** Where a merge happens, for the messages: the persona's name and the fragment's file or library name. */
export interface MergeOptions {
  path?: string;
  /** The fragment, as the user knows it (`political-left`, `picky.fragment.json`); default "the fragment". */
  source?: string;
  /** The persona being merged into (`Lisa Carter`); default "the persona". */
  target?: string;
}

function conflict(here: string, detail: string): UserInputError {
  return new UserInputError(
    'persona.fragment_conflict',
    `Fragment conflict at ${here}: ${detail}. Remove the field from one of them, or use a list so both values are kept.`,
    FRAGMENT_EXAMPLE,
  );
}

/**
 * Merges a fragment into a persona with TinyTroupe's `merge_dicts` rules: new keys are added, a
 * `null` in the persona is replaced, objects merge recursively, lists are concatenated and
 * de-duplicated keeping order (objects equal whatever their key order; `true` equals `1`, as in
 * Python). Where TinyTroupe raises, Troupe refuses with `persona.fragment_conflict` naming the
 * field, the persona and the fragment: two different values of the same kind, values of different
 * kinds, and a fragment `null` over a set value (`{age: 30}` + `{age: null}`). One decision differs
 * on purpose: JSON has one number type, so `30` and `30.0` are the same value and merge silently
 * (TinyTroupe raises because Python's int and float differ).
 *
 * @example
 *   mergePersona({ name: 'Ada', beliefs: ['a'] }, { beliefs: ['b'] }); // { name: 'Ada', beliefs: ['a', 'b'] }
 */
export function mergePersona(
  base: Record<string, Json>,
  fragment: Record<string, Json>,
  options: MergeOptions = {},
): Record<string, Json> {
  const path = options.path ?? 'persona';
  const persona = options.target ?? 'the persona';
  const from = options.source ?? 'the fragment';
  const result: Record<string, Json> = structuredClone(base);
  for (const [key, incoming] of Object.entries(fragment)) {
    if (incoming === undefined) continue;
    const here = `${path}.${key}`;
    const current = result[key];
    if (!(key in result) || current === null || current === undefined) result[key] = structuredClone(incoming);
    else if (Array.isArray(current) && Array.isArray(incoming)) result[key] = concatUnique(current, incoming);
    else if (isPlainObject(current) && isPlainObject(incoming))
      result[key] = mergePersona(current, incoming, { ...options, path: here });
    else if (incoming === null)
      throw conflict(here, `${persona} has ${show(current)} but ${from} sets it to null (TinyTroupe refuses this too)`);
    else if (kindOf(current) !== kindOf(incoming))
      throw conflict(
        here,
        `${persona} has ${kindOf(current)} (${show(current)}) but ${from} has ${kindOf(incoming)} (${show(incoming)})`,
      );
    else if (!pythonEqual(current, incoming))
      throw conflict(here, `${persona} has ${show(current)} but ${from} has ${show(incoming)}`);
  }
  return result;
}

/**
 * Applies fragments in order to an agent file, returning a new file (extra fields and saved
 * state kept).
 *
 * @example
 *   const leftLisa = applyFragments(lisa, [leftwing], ['leftwing.agent.fragment.json']);
 */
export function applyFragments(
  agent: AgentFile,
  fragments: readonly FragmentFile[],
  sources: readonly string[] = [],
): AgentFile {
  let persona = agent.persona as Record<string, Json>;
  fragments.forEach((fragment, index) => {
    persona = mergePersona(persona, fragment.persona as Record<string, Json>, {
      source: sources[index],
      target: agent.persona.name,
    });
  });
  return { ...structuredClone(agent), persona: persona as AgentFile['persona'] };
}
