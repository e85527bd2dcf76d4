import { z } from 'zod';

/** Zod building blocks for command arguments, each with a message a person can act on. */

const HAS_CONTENT = /[\p{L}\p{N}\p{Extended_Pictographic}]/u;

/** Free text (a description, a question): trimmed, non-empty, bounded, with at least one letter or digit. */
export function freeText(label: string, max: number) {
  return z
    .string({ error: `${label} is missing.` })
    .trim()
    .min(1, `${label} is missing.`)
    .max(max, `${label} is too long (at most ${max} characters).`)
    .refine((value) => HAS_CONTENT.test(value), `${label} needs some words, not only punctuation.`);
}

/** A name of a panel or persona as typed by the person. */
export function nameText(label: string) {
  return z
    .string({ error: `${label} is missing.` })
    .trim()
    .min(1, `${label} is missing.`)
    .max(80, `${label} is too long (at most 80 characters).`);
}

/** A whole number typed as text, within [min, max]. */
export function wholeNumber(label: string, min: number, max: number) {
  return z
    .string({ error: `${label} is missing.` })
    .trim()
    .regex(/^[+-]?\d+$/, `${label} must be a whole number (got it wrong? write digits like 5).`)
    .transform((value) => Number(value))
    .pipe(
      // Bounds first: a 30-digit number should hear "at most 50", not a safe-integer complaint.
      z.number().min(min, `${label} must be at least ${min}.`).max(max, `${label} must be at most ${max}.`).int(),
    );
}

/** A new panel name: letters, digits, spaces, dot, dash, underscore. */
export const panelNameField = z
  .string()
  .trim()
  .min(1, 'The panel name is empty.')
  .max(40, 'The panel name is too long (at most 40 characters).')
  .regex(
    /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u,
    'A panel name may use letters, digits, spaces, dots, dashes and underscores, starting with a letter or digit.',
  );

/** Target marginals for alignment: `{"gender": {"female": 0.5, "male": 0.5}}`. */
export const alignField = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({
        code: 'custom',
        message: '--align is not valid JSON (quote it, e.g. --align \'{"gender":{"female":0.5,"male":0.5}}\').',
      });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .record(
        z.string().min(1).max(60),
        z
          .record(z.string().min(1).max(60), z.number().min(0, 'alignment shares cannot be negative').max(1e6))
          .refine((shares) => Object.keys(shares).length >= 1, 'each dimension needs at least one value')
          .refine(
            (shares) => Object.values(shares).some((share) => share > 0),
            'each dimension needs a positive share',
          ),
        { error: '--align must map each dimension to shares, e.g. {"gender":{"female":0.5,"male":0.5}}.' },
      )
      .refine(
        (record) => Object.keys(record).length >= 1 && Object.keys(record).length <= 12,
        '--align needs between 1 and 12 dimensions.',
      ),
  );
