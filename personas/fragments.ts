import { UserInputError } from '../engine/errors.js';
import type { AgentFile, FragmentFile } from '../engine/agent/persona-spec.js';

type Json = unknown;

function isPlainObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function kindOf(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

function show(value: Json): string {
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A list concatenation that keeps order and drops exact duplicates (deep equality). */
function concatUnique(left: Json[], right: Json[]): Json[] {
  const seen = new Set<string>();
  const result: Json[] = [];
  for (const item of [...left, ...right]) {
    const key = JSON.stringify(item);
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(structuredClone(item));
  }
  return result;
}

/**
 * Merges a fragment into a persona with TinyTroupe's rules: new keys are added, `null` is
 * replaced, objects merge recursively, lists are concatenated and de-duplicated keeping order;
 * a type mismatch or two different scalars is a conflict (`persona.fragment_conflict`) that names
 * the path.
 *
 * @example
 *   mergePersona({ name: 'Ada', beliefs: ['a'] }, { beliefs: ['b'] }); // { name: 'Ada', beliefs: ['a', 'b'] }
 */
export function mergePersona(
  base: Record<string, Json>,
  fragment: Record<string, Json>,
  options: { path?: string; source?: string } = {},
): Record<string, Json> {
  const path = options.path ?? 'persona';
  const result: Record<string, Json> = structuredClone(base);
  for (const [key, incoming] of Object.entries(fragment)) {
    const here = `${path}.${key}`;
    const current = result[key];
    if (!(key in result) || current === null || current === undefined) result[key] = structuredClone(incoming);
    else if (incoming === null || incoming === undefined) continue;
    else if (Array.isArray(current) && Array.isArray(incoming)) result[key] = concatUnique(current, incoming);
    else if (isPlainObject(current) && isPlainObject(incoming))
      result[key] = mergePersona(current, incoming, { ...options, path: here });
    else if (current !== incoming) {
      const from = options.source ? ` from ${options.source}` : '';
      const detail =
        kindOf(current) !== kindOf(incoming)
          ? `the persona has ${kindOf(current)} (${show(current)}) but the fragment${from} has ${kindOf(incoming)} (${show(incoming)})`
          : `the persona has ${show(current)} but the fragment${from} has ${show(incoming)}`;
      throw new UserInputError(
        'persona.fragment_conflict',
        `Fragment conflict at ${here}: ${detail}. Remove the field from one of them, or use a list so both values are kept.`,
        '{"type": "Fragment", "persona": {"beliefs": ["Buy local when possible."]}}',
      );
    }
  }
  return result;
}

/**
 * Applies fragments in order to an agent file, returning a new file (extra fields and saved
 * state kept).
 *
 * @example
 *   const leftLisa = applyFragments(lisa, [leftwing]);
 */
export function applyFragments(
  agent: AgentFile,
  fragments: readonly FragmentFile[],
  sources: readonly string[] = [],
): AgentFile {
  let persona = agent.persona as Record<string, Json>;
  fragments.forEach((fragment, index) => {
    persona = mergePersona(persona, fragment.persona as Record<string, Json>, { source: sources[index] });
  });
  return { ...structuredClone(agent), persona: persona as AgentFile['persona'] };
}
