import { UserInputError } from '../errors.js';

/** Longest persona name: it becomes a chat username (Slack allows 80), a key part and a mention. */
export const MAX_PERSONA_NAME = 60;

/**
 * Names the system itself speaks or listens as: a persona called "Facilitator" would never hear the
 * questions (they come from the facilitator) and "@here"-like names would address everyone.
 */
const RESERVED = new Set([
  'facilitator',
  'world',
  'system',
  'troupe',
  'bot',
  'here',
  'channel',
  'everyone',
  'self-check',
]);

/** Letters (any script), marks, digits, spaces and the punctuation of real names: . ' ’ - */
const ALLOWED = /^[\p{L}\p{M}\p{N}“‘"][\p{L}\p{M}\p{N} .'’‘“”"(),-]*$/u;

/**
 * Checks a persona name before it is stored; a clear UserInputError with an example otherwise.
 *
 * @example
 *   assertPersonaName('Ada Okafor'); // fine
 *   assertPersonaName('Facilitator'); // throws persona.name_reserved
 */
export function assertPersonaName(name: string): void {
  const example = '/panel add {"name":"Ada Okafor","age":41}';
  const trimmed = name.trim();
  if (!trimmed || trimmed !== name || /\s{2,}/.test(name))
    throw new UserInputError(
      'persona.name_invalid',
      `The persona name "${name}" is empty or has stray spaces.`,
      example,
    );
  if ([...name].length > MAX_PERSONA_NAME)
    throw new UserInputError(
      'persona.name_invalid',
      `The persona name "${name.slice(0, 20)}…" is ${[...name].length} characters long; at most ${MAX_PERSONA_NAME} are allowed.`,
      example,
    );
  if (!ALLOWED.test(name))
    throw new UserInputError(
      'persona.name_invalid',
      `The persona name "${name}" may only hold letters, digits, spaces, quotes, brackets and . , ' - (it becomes a chat username).`,
      example,
    );
  if (RESERVED.has(name.toLowerCase()) || RESERVED.has(name.toLowerCase().split(' ')[0]))
    throw new UserInputError(
      'persona.name_reserved',
      `"${name}" is a name Troupe uses itself (questions come from the facilitator); give the persona another name.`,
      example,
    );
}
