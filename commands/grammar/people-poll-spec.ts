import { z } from 'zod';
import type { SplitArgs } from './tokenize.js';
import { POLL_METHODS, type Command } from './command-types.js';

const raw = z.object({
  args: z.array(z.string()),
  flags: z.record(z.string(), z.union([z.string(), z.literal(true)])),
});
const pollId = z.string().regex(/^[a-z0-9]{1,64}$/i, 'A poll id is letters and digits only.');
const columnList = (label: string) =>
  z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    )
    .refine((names) => names.length > 0 && names.length <= 50 && names.every((name) => name.length <= 200), {
      message: `${label} takes column names separated by commas, like "age band,gender".`,
    });

/** `/vote`, `/poll close`, `/fidelity` and `/fidelity history` (merged into the table by `commandSpecs`). */
export function peoplePollSpecs() {
  return [
    {
      words: ['vote'],
      usage: '/vote <number or option> [--poll <id>]',
      summary:
        'Vote in the open people poll of this thread (from /poll … --with-people): the option number or its name. You can change your vote until the poll closes.',
      examples: ['/vote 2', '/vote yes', '/vote 4 --poll 0mh2k3x1a0000f3a9c0123'],
      flags: { poll: 'value' } as Record<string, 'value' | 'boolean'>,
      schema: () =>
        raw
          .transform((input) => ({
            choice: input.args.length ? input.args.join(' ') : undefined,
            pollId: typeof input.flags.poll === 'string' ? input.flags.poll : undefined,
          }))
          .pipe(
            z.object({
              choice: z
                .string({ error: 'Say what you vote for: the option number or its name.' })
                .trim()
                .min(1)
                .max(200, 'A vote is at most 200 characters.'),
              pollId: pollId.optional(),
            }) as unknown as z.ZodType<{ choice: string; pollId?: string }, never>,
          )
          .transform(
            (value): Command => ({
              name: 'vote',
              choice: value.choice,
              ...(value.pollId ? { pollId: value.pollId } : {}),
            }),
          ) as unknown as z.ZodType<Command, SplitArgs>,
    },
    {
      words: ['poll', 'close'],
      usage: '/poll close [poll id]',
      summary:
        'Close the open people poll of this thread and post the people beside the panel: both distributions, the difference per option with intervals, JSD and (Likert) Wasserstein.',
      examples: ['/poll close'],
      flags: {} as Record<string, 'value' | 'boolean'>,
      schema: () =>
        raw
          .transform((input) => ({ pollId: input.args[0] }))
          .pipe(z.object({ pollId: pollId.optional() }) as unknown as z.ZodType<{ pollId?: string }, never>)
          .transform(
            (value): Command => ({ name: 'poll.close', ...(value.pollId ? { pollId: value.pollId } : {}) }),
          ) as unknown as z.ZodType<Command, SplitArgs>,
    },
    {
      words: ['fidelity'],
      usage:
        '/fidelity [csv path, local chat only] [--method direct|ssr] [--align] [--questions "col,col"] [--segments "col,col"]',
      summary:
        'Score the seated panel against a real survey: attach a CSV (one row per respondent, one column per question, optional segment columns); the panel answers the same questions and the report compares them, beside a uniform-random and an always-the-majority baseline.',
      examples: [
        '/fidelity survey.csv',
        '/fidelity --method ssr --align',
        '/fidelity --questions "q1,q2" --segments "age band"',
      ],
      flags: { method: 'value', align: 'boolean', questions: 'value', segments: 'value' } as Record<
        string,
        'value' | 'boolean'
      >,
      job: true,
      schema: () =>
        raw
          .transform((input) => ({
            path: input.args.length ? input.args.join(' ') : undefined,
            method: typeof input.flags.method === 'string' ? input.flags.method.toLowerCase() : 'direct',
            align: input.flags.align === true,
            questions: typeof input.flags.questions === 'string' ? input.flags.questions : undefined,
            segments: typeof input.flags.segments === 'string' ? input.flags.segments : undefined,
          }))
          .pipe(
            z.object({
              path: z.string().max(1000).optional(),
              method: z.enum(POLL_METHODS, { error: `--method must be ${POLL_METHODS.join(' or ')}.` }),
              align: z.boolean(),
              questions: columnList('--questions').optional(),
              segments: columnList('--segments').optional(),
            }) as unknown as z.ZodType<Omit<Extract<Command, { name: 'fidelity' }>, 'name'>, never>,
          )
          .transform((value): Command => {
            const command: Extract<Command, { name: 'fidelity' }> = {
              name: 'fidelity',
              method: value.method,
              align: value.align,
            };
            if (value.path) command.path = value.path;
            if (value.questions) command.questions = value.questions;
            if (value.segments) command.segments = value.segments;
            return command;
          }) as unknown as z.ZodType<Command, SplitArgs>,
    },
    {
      words: ['fidelity', 'history'],
      usage: '/fidelity history',
      summary: 'The fidelity reports of the seated panel over time: mean KS similarity and JSD of each run.',
      examples: ['/fidelity history'],
      flags: {} as Record<string, 'value' | 'boolean'>,
      schema: () =>
        raw.transform((): Command => ({ name: 'fidelity.history' })) as unknown as z.ZodType<Command, SplitArgs>,
    },
  ];
}
