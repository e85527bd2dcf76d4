import { z } from 'zod';
import type { Command, GrammarLimits } from './command-types.js';
import { freeText, wholeNumber } from './fields.js';
import { pollSpecs } from './poll-spec.js';
import { type SplitArgs, splitFlags, tokenize } from './tokenize.js';

// `/fork`, `/diff` and `/experiment`: thread experiments on forked worlds (merged into the table by `commandSpecs`).

type PollCommand = Extract<Command, { name: 'poll' }>;

const raw = z.object({
  args: z.array(z.string()),
  flags: z.record(z.string(), z.union([z.string(), z.literal(true)])),
});
const loose = <S extends z.ZodType>(schema: S) => schema as unknown as z.ZodType<z.output<S>, never>;

const fromField = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => value === 'now' || /^\d{1,4}$/.test(value), {
    message: '--from takes a step number of the thread (0 = before its first question) or now.',
  })
  .transform((value) => (value === 'now' ? ('now' as const) : Number(value)));

/** The `--poll` value of `/experiment` read as a `/poll` command line, e.g. `yesno "Would you buy it?"`. */
export function parsePollFlag(text: string): PollCommand {
  const [spec] = pollSpecs();
  const split = splitFlags(tokenize(text, spec.examples[0]), spec.flags, spec.examples[0]);
  const parsed = spec.schema().safeParse(split);
  if (!parsed.success) throw new Error(parsed.error.issues[0].message);
  return parsed.data as PollCommand;
}

const pollFlag = z.string().transform((text, context) => {
  try {
    return parsePollFlag(text);
  } catch (error) {
    context.addIssue({
      code: 'custom',
      message: `--poll must be a poll as /poll takes it, in single quotes: ${(error as Error).message}`,
    });
    return z.NEVER;
  }
});

/** `/fork`, `/diff`, `/experiment` as grammar specs. */
export function forkSpecs() {
  return [
    {
      words: ['fork'],
      usage: '/fork "<changed stimulus>" [--from <step>|now]',
      summary:
        'Fork this thread: a new thread with the same personas and memories up to the fork point, then the changed stimulus. The parent thread is never changed.',
      details: [
        'Without --from the fork replaces the thread’s latest step (the question you are varying): everything before it is kept.',
        '--from n keeps steps 1…n of the thread (0: none of it); --from now keeps the whole thread.',
        'In the fork’s thread every command (follow-ups, /poll, /summarize, /diff) acts on the fork’s own world.',
      ],
      examples: ['/fork "Would you buy it at $12 a month?"', '/fork --from 1 "What if delivery were free?"'],
      flags: { from: 'value' } as Record<string, 'value' | 'boolean'>,
      job: true,
      schema: () =>
        raw
          .transform((input) => ({ stimulus: input.args.join(' ') || undefined, from: input.flags.from }))
          .pipe(
            loose(
              z.object({
                stimulus: freeText('The changed stimulus', 2000),
                from: fromField.optional(),
              }),
            ),
          )
          .transform(
            (value): Command => ({
              name: 'fork',
              stimulus: value.stimulus,
              ...(value.from !== undefined ? { from: value.from } : {}),
            }),
          ) as unknown as z.ZodType<Command, SplitArgs>,
    },
    {
      words: ['diff'],
      usage: '/diff [<thread> <thread>]',
      summary:
        'Compare a fork with its parent (or two threads): polls of the same kind with the right test and effect size, who changed their mind, and shared and distinct themes; posted as text, a chart and an export.',
      examples: ['/diff', '/diff 1733.0001 1733.0042'],
      flags: {} as Record<string, 'value' | 'boolean'>,
      job: true,
      schema: () =>
        raw
          .superRefine((input, context) => {
            if (input.args.length !== 0 && input.args.length !== 2)
              context.addIssue({
                code: 'custom',
                message: 'Give no thread (inside a fork: compare it with its parent) or exactly two threads.',
              });
          })
          .transform((input): Command => ({ name: 'diff', threads: input.args })) as unknown as z.ZodType<
          Command,
          SplitArgs
        >,
    },
    {
      words: ['experiment'],
      usage: `/experiment "<stimulus A>" "<stimulus B>" [--poll '<poll>'] [--within] [--seed N]`,
      summary:
        'An A/B test from the current point: two forks, the personas split at random between them (or both arms for everyone with --within), the poll run in each arm, then the diff.',
      details: [
        'The split is seeded (--seed, default from the thread), so the same experiment assigns the same personas.',
        'Arms are shown to the personas without labels; the report names them A and B.',
      ],
      examples: [
        `/experiment "It costs $9 a month" "It costs $12 a month" --poll 'yesno "Would you subscribe?"'`,
        `/experiment "Free delivery" "Same-day delivery" --within --poll 'likert "How appealing is it?"'`,
      ],
      flags: { poll: 'value', within: 'boolean', seed: 'value' } as Record<string, 'value' | 'boolean'>,
      job: true,
      schema: (limits: GrammarLimits) =>
        raw
          .superRefine((input, context) => {
            if (input.args.length !== 2)
              context.addIssue({ code: 'custom', message: 'Give exactly two stimuli, each in quotes.' });
          })
          .transform((input) => ({
            a: input.args[0],
            b: input.args[1],
            within: input.flags.within === true,
            poll: input.flags.poll,
            seed: input.flags.seed,
          }))
          .pipe(
            loose(
              z.object({
                a: freeText('Stimulus A', 2000),
                b: freeText('Stimulus B', 2000),
                within: z.boolean(),
                poll: pollFlag.optional(),
                seed: wholeNumber('--seed', 0, 1_000_000_000).optional(),
              }),
            ),
          )
          .refine((value) => value.a.toLowerCase() !== value.b.toLowerCase(), {
            message: 'The two stimuli are the same; change one.',
          })
          .transform((value): Command => {
            void limits;
            return { name: 'experiment', ...value } as Command;
          }) as unknown as z.ZodType<Command, SplitArgs>,
    },
  ];
}
