import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UserInputError } from '../engine/errors.js';
import { type Demography, DemographySchema } from '../engine/factory/schemas.js';
import { parseJsonText } from './json-limits.js';

/** Folder of Troupe's own demography documents (TinyTroupe's format, the project's own words and rounded figures). */
export const DEMOGRAPHY_DIR = fileURLToPath(new URL('./demography/', import.meta.url));

const DEMOGRAPHY_EXAMPLE =
  '{"title": "Norway Population Information", "description": "…", "source": "…", "content": {"Demographics": {"Age Distribution": {"25-54": "41%"}}}}';

/** Names of the built-in demography documents (`usa`, `brazil`, `china`, `norway`, `scandinavia`). */
export function builtInDemographies(): string[] {
  return readdirSync(DEMOGRAPHY_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.replace(/\.json$/, ''))
    .sort();
}

/**
 * Reads a TinyTroupe demography document (`{title, description, source, content}`) from text,
 * size and depth checked first; errors name the file and the field.
 *
 * @example
 *   parseDemographyText(await readFile('norway.json', 'utf8'), 'norway.json').title; // 'Norway Population Information'
 */
export function parseDemographyText(text: string, source: string): Demography {
  const data = parseJsonText(text, source, DEMOGRAPHY_EXAMPLE);
  const parsed = DemographySchema.safeParse(data);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => `"${issue.path.join('.') || 'the document'}"`))];
    throw new UserInputError(
      'panel.demography',
      `${source} is not a demography document: ${fields.join(' and ')} ${fields.length > 1 ? 'are' : 'is'} missing or of the wrong kind (it needs a "title" text and a "content" object of sections, as TinyTroupe's population files have).`,
      DEMOGRAPHY_EXAMPLE,
    );
  }
  return parsed.data;
}

/**
 * A built-in demography document by name (case-insensitive); unknown names list the ones there are.
 *
 * @example
 *   builtInDemography('norway').title; // 'Norway Population Information'
 */
export function builtInDemography(name: string): Demography {
  const wanted = name
    .trim()
    .toLowerCase()
    .replace(/\.json$/, '');
  const known = builtInDemographies();
  if (!known.includes(wanted))
    throw new UserInputError(
      'panel.demography',
      `There is no built-in demography "${name}". Built-in: ${known.join(', ')}; or attach a TinyTroupe demography .json file and give its name.`,
      `/panel create 8 --demography ${known[0] ?? 'usa'}`,
    );
  const file = `${DEMOGRAPHY_DIR}${wanted}.json`;
  return parseDemographyText(readFileSync(file, 'utf8'), `${wanted}.json`);
}
