import { z } from 'zod';
import type { SplitArgs } from './tokenize.js';
import { POLL_KINDS, type Command, type PollKindName } from './command-types.js';
import { freeText } from './fields.js';

/** A correct example per poll kind, so an error about a likert poll shows a likert poll. */
export const POLL_EXAMPLES: Record<PollKindName, string> = {
  likert: '/poll likert "I would recommend it to a friend" --points 7',
  choice: '/poll choice "Which name do you prefer?" "Nova" "Orbit"',
  multi: '/poll multi "Which features matter?" "Price" "Speed" "Design" --max 2',
  yesno: '/poll yesno "Would you pay $5 a month?"',
  number: '/poll number "How much would you pay per month?" --min 0 --max 50 --unit USD',
  open: '/poll open "What worries you most?"',
};

/** Dimensions `--by` knows by name; anything else must look like a persona spec path. */
export const POLL_DIMENSIONS = ['age-band', 'gender', 'nationality', 'occupation'] as const;
const DIMENSION_ALIASES: Record<string, string> = {
  age: 'age-band',
  'age-bands': 'age-band',
  agebands: 'age-band',
  ageband: 'age-band',
  sex: 'gender',
};
const SPEC_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** The example for what the person typed: the kind's own example when the kind is known. */
export function pollExampleFor(input: SplitArgs): string {
  const kind = input.args[0]?.toLowerCase() as PollKindName | undefined;
  return (kind && POLL_EXAMPLES[kind]) || POLL_EXAMPLES.likert.replace(' --points 7', '');
}

const decimal = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, `${label} must be a number, like 0 or 49.99.`)
    .transform(Number);

const dimension = z
  .string()
  .trim()
  .max(80, '--by is too long (at most 80 characters).')
  .transform((text) => DIMENSION_ALIASES[text.toLowerCase()] ?? text)
  .refine(
    (text) => (POLL_DIMENSIONS as readonly string[]).includes(text.toLowerCase()) || SPEC_PATH.test(text),
    `--by takes ${POLL_DIMENSIONS.join(', ')} or a persona spec path such as residence or personality.big_five.openness.`,
  )
  .transform((text) =>
    (POLL_DIMENSIONS as readonly string[]).includes(text.toLowerCase()) ? text.toLowerCase() : text,
  );

const raw = z.object({
  args: z.array(z.string()),
  flags: z.record(z.string(), z.union([z.string(), z.literal(true)])),
});
const flag = (input: SplitArgs, name: string) =>
  typeof input.flags[name] === 'string' ? (input.flags[name] as string) : undefined;

const pollFields = z
  .object({
    kind: z.enum(POLL_KINDS, { error: `The poll kind must be one of ${POLL_KINDS.join(', ')} (or /poll compare).` }),
    question: freeText('The poll question', 1000),
    options: z.array(freeText('An option', 200)).max(12, 'A poll takes at most 12 options.'),
    all: z.boolean(),
    points: z.string().optional(),
    min: decimal('--min').optional(),
    max: decimal('--max').optional(),
    unit: freeText('--unit', 30).optional(),
    by: dimension.optional(),
    independent: z.boolean(),
    rounds: z
      .string()
      .regex(/^\d{1,2}$/, '--rounds must be a whole number from 1 to 10.')
      .optional(),
  })
  .superRefine((value, context) => {
    const issue = (message: string) => context.addIssue({ code: 'custom', message });
    const listed = value.kind === 'choice' || value.kind === 'multi';
    if (listed && value.options.length < 2)
      issue(`A ${value.kind} poll needs at least two options, each in quotes after the question.`);
    if (listed && new Set(value.options.map((option) => option.toLowerCase())).size !== value.options.length)
      issue(`The options of a ${value.kind} poll must differ.`);
    if (!listed && value.options.length)
      issue(
        `A ${value.kind} poll takes no options; put the question in quotes${value.kind === 'likert' ? ' (a likert poll rates from 1 to --points 5 or 7)' : ''}.`,
      );
    if (value.points !== undefined && value.kind !== 'likert') issue('--points is only for likert polls.');
    if (value.points !== undefined && value.kind === 'likert' && value.points !== '5' && value.points !== '7')
      issue(`--points must be 5 or 7 (got ${value.points.slice(0, 20)}).`);
    if (value.kind === 'multi') {
      if (value.min !== undefined || value.unit !== undefined)
        issue(
          '--min and --unit are only for number polls; a multi poll takes --max N (most options one persona may pick).',
        );
      if (
        value.max !== undefined &&
        (!Number.isInteger(value.max) || value.max < 1 || value.max > Math.max(1, value.options.length))
      ) {
        issue(
          `--max on a multi poll is the most options one persona may pick: a whole number from 1 to ${value.options.length}.`,
        );
      }
    } else if (
      value.kind !== 'number' &&
      (value.min !== undefined || value.max !== undefined || value.unit !== undefined)
    ) {
      issue('--min, --max and --unit are only for number polls (--max also caps the picks of a multi poll).');
    }
    if (value.rounds !== undefined && !value.independent) issue('--rounds goes with --independent-then-discuss.');
    if (value.independent && value.kind === 'open')
      issue(
        '--independent-then-discuss needs answers that can be compared: use yesno, choice, multi, likert or number.',
      );
    if (value.rounds !== undefined && (Number(value.rounds) < 1 || Number(value.rounds) > 10))
      issue('--rounds must be a whole number from 1 to 10.');
    if (value.kind === 'number' && value.min !== undefined && value.max !== undefined && value.min >= value.max)
      issue(`--min must be below --max (got ${value.min} and ${value.max}).`);
  });

/** `/poll` and `/poll compare` as grammar specs (merged into the table by `commandSpecs`). */
export function pollSpecs() {
  return [
    {
      words: ['poll'],
      usage: `/poll <${POLL_KINDS.join('|')}> "<question>" [options…] [--points 5|7] [--min N] [--max N] [--unit U] [--by <dimension>]`,
      summary:
        'Poll every persona with a structured question; posts a chart and the tally (--by age-band, gender, nationality, occupation or a spec path adds a breakdown with a test of the difference).',
      examples: [
        '/poll likert "How likely are you to buy?"',
        '/poll choice "Which name?" "Alpha" "Beta"',
        '/poll yesno "Would you pay $5 a month?"',
        POLL_EXAMPLES.multi,
        POLL_EXAMPLES.number,
        '/poll likert "I trust the brand" --points 7 --by age-band',
      ],
      flags: {
        all: 'boolean',
        points: 'value',
        min: 'value',
        max: 'value',
        unit: 'value',
        by: 'value',
        'independent-then-discuss': 'boolean',
        rounds: 'value',
      } as Record<string, 'value' | 'boolean'>,
      job: true,
      exampleFor: pollExampleFor,
      schema: () =>
        raw
          .transform((input) => ({
            kind: input.args[0]?.toLowerCase(),
            question: input.args[1],
            options: input.args.slice(2),
            all: input.flags.all === true,
            points: flag(input, 'points'),
            min: flag(input, 'min'),
            max: flag(input, 'max'),
            unit: flag(input, 'unit'),
            by: flag(input, 'by'),
            independent: input.flags['independent-then-discuss'] === true,
            rounds: flag(input, 'rounds'),
          }))
          // The transform's loose strings are exactly what the field schema validates.
          .pipe(pollFields as unknown as z.ZodType<z.output<typeof pollFields>, never>)
          .transform((value): Command => {
            const { points, min, max, unit, by, independent, rounds, ...base } = value;
            const command: Extract<Command, { name: 'poll' }> = { name: 'poll', ...base };
            if (points) command.points = Number(points) as 5 | 7;
            if (value.kind === 'multi' && max !== undefined) command.maxSelections = max;
            if (value.kind === 'number')
              Object.assign(
                command,
                min !== undefined ? { min } : {},
                max !== undefined ? { max } : {},
                unit !== undefined ? { unit } : {},
              );
            if (by) command.by = by;
            if (independent) Object.assign(command, { independent, rounds: rounds ? Number(rounds) : 2 });
            return command;
          }) as unknown as z.ZodType<Command, SplitArgs>,
    },
    {
      words: ['poll', 'compare'],
      usage: '/poll compare',
      summary:
        'Compare the last two polls of this thread with the same kind and options: the test, its p-value and the effect size.',
      examples: ['/poll compare'],
      flags: {} as Record<string, 'value' | 'boolean'>,
      schema: () =>
        raw
          .superRefine((input, context) => {
            if (input.args.length)
              context.addIssue({
                code: 'custom',
                message: '/poll compare takes no arguments: it compares the last two comparable polls of this thread.',
              });
          })
          .transform((): Command => ({ name: 'poll.compare' })) as unknown as z.ZodType<Command, SplitArgs>,
    },
  ];
}
