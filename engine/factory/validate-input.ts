import { UserInputError } from '../errors.js';
import { DemographySchema, type Demography } from './schemas.js';

const EXAMPLE = '/panel create 20 US parents';
export const DEFAULT_MAX_COUNT = 50;
export const MAX_DESCRIPTION_CHARS = 500;

/** Checks the panel size; throws `panel.size` with an example. */
export function validateCount(count: number, maxCount = DEFAULT_MAX_COUNT): void {
  if (!Number.isInteger(count) || count < 1 || count > maxCount) {
    throw new UserInputError(
      'panel.size',
      `A panel needs between 1 and ${maxCount} people (got ${count}). Try for example: ${EXAMPLE}`,
      EXAMPLE,
    );
  }
}

/**
 * Rejects descriptions a model could not sample from: empty, only digits/punctuation, one or two
 * characters, Latin letters without any vowel (keyboard mash), or longer than 500 characters.
 */
export function validateDescription(description: string): string {
  const text = description.trim().replace(/\s+/g, ' ');
  const fail = (why: string): never => {
    throw new UserInputError(
      'panel.description',
      `${why} Describe who should be on the panel, e.g. "US parents" or "nurses in Lagos who commute by bus": ${EXAMPLE}`,
      EXAMPLE,
    );
  };
  if (!text) fail('The panel description is empty.');
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) fail(`"${text}" has no words in it.`);
  if (text.length <= 2) fail(`"${text}" is too short to describe a population.`);
  if (text.length > MAX_DESCRIPTION_CHARS) {
    fail(
      `The description is ${text.length} characters long; keep it under ${MAX_DESCRIPTION_CHARS} (put details in the context).`,
    );
  }
  const latin = letters.filter((letter) => /[a-z]/i.test(letter));
  if (latin.length === letters.length && !/[aeiouy]/i.test(text)) fail(`"${text}" does not look like a description.`);
  return text;
}

/** Validates a demography document and turns it into a description line. */
export function validateDemography(input: unknown): Demography {
  const parsed = DemographySchema.safeParse(input);
  if (!parsed.success) {
    throw new UserInputError(
      'panel.demography',
      `The demography document must be JSON with title, description, source and content: ${parsed.error.issues[0]?.message ?? ''}`,
      '{"title": "USA Population Information", "description": "…", "source": "…", "content": {"Demographics": {…}}}',
    );
  }
  return parsed.data;
}
