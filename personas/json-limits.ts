import { UserInputError } from '../engine/errors.js';

/** Largest JSON file read (bytes): real agent files are 5–40 KB, saved ones with memories a few hundred KB. */
export const MAX_JSON_BYTES = 2_000_000;
/** Deepest nesting accepted: TinyTroupe's files nest six levels at most. */
export const MAX_JSON_DEPTH = 32;

/**
 * Nesting depth of a JSON text, counted without parsing it (brackets inside strings skipped), so a
 * hostile `[[[[…]]]]` is refused before `JSON.parse` spends time or stack on it.
 *
 * @example
 *   jsonDepth('{"a": [1, {"b": "]"}]}'); // 3
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') deepest = Math.max(deepest, ++depth);
    else if (char === '}' || char === ']') depth--;
  }
  return deepest;
}

/**
 * Parses JSON from a named file after checking its size and depth; every failure is a
 * `UserInputError` naming the file, what is wrong and where.
 *
 * @example
 *   parseJsonText('{"type": "TinyPerson", "persona": {"name": "Ada"}}', 'ada.agent.json');
 */
export function parseJsonText(text: string, source: string, example: string): unknown {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_JSON_BYTES)
    throw new UserInputError(
      'persona.too_large',
      `${source} is ${(bytes / 1e6).toFixed(1)} MB; a persona file may be at most ${MAX_JSON_BYTES / 1e6} MB.`,
      example,
    );
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH)
    throw new UserInputError(
      'persona.too_deep',
      `${source} nests ${depth} levels deep; at most ${MAX_JSON_DEPTH} are accepted (TinyTroupe's files use about six).`,
      example,
    );
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = (error as Error).message;
    const position = Number(/position (\d+)/.exec(message)?.[1]);
    const where = Number.isFinite(position) ? ` (line ${text.slice(0, position).split('\n').length})` : '';
    // Phones and some keyboards turn straight quotes into typographic ones, which JSON does not accept.
    const curly = /[{,[:]\s*[\u201c\u201d]/.test(text)
      ? ' Its quotes look typographic (“ ”): JSON needs straight quotes ("), so turn off smart quotes or attach the file instead.'
      : '';
    throw new UserInputError(
      'persona.json',
      `${source} is not valid JSON${where}: ${message.replace(/^JSON\.parse: |^Unexpected/, (m) => (m.startsWith('Unexpected') ? 'unexpected' : ''))}.${curly}`,
      example,
    );
  }
}
