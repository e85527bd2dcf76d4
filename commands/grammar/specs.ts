import { z } from 'zod';
import type { SplitArgs } from './tokenize.js';
import { EXPORT_FORMATS, type Command, type GrammarLimits } from './command-types.js';
import { alignField, freeText, nameText, panelNameField, wholeNumber } from './fields.js';
import { pollSpecs } from './poll-spec.js';
import { peoplePollSpecs } from './people-poll-spec.js';
import { withPollExtrasSpec } from './poll-extras.js';
import { forkSpecs } from './fork-specs.js';
import { configSpecs } from './config-spec.js';
import { COMPACT_ABOVE, COMPACT_BATCH } from '../session/answer-posts.js';
import { MAX_INTERVENTIONS } from './limits.js';

/**
 * One command of the grammar: its words, help text, options and how its arguments are validated.
 * The same table drives parsing, `/help` and error examples on every surface.
 */
export interface CommandSpec {
  /** Command words without the slash, e.g. `['panel', 'create']`. */
  words: string[];
  usage: string;
  summary: string;
  /** More lines for `/help <command>` (how it behaves, e.g. which posting mode is used when). */
  details?: string[];
  examples: string[];
  flags: Record<string, 'value' | 'boolean'>;
  /** Turns split arguments into a Command, validated with zod. */
  schema(limits: GrammarLimits): z.ZodType<Command, SplitArgs>;
  /** Slow work that runs as a job (and may need a cost estimate). */
  job?: boolean;
  /** The example shown with a validation error, when it depends on what was typed (default `examples[0]`). */
  exampleFor?(input: SplitArgs): string;
}

const split = z.object({
  args: z.array(z.string()),
  flags: z.record(z.string(), z.union([z.string(), z.literal(true)])),
});
/** Lets a validating schema accept the loosely typed object a transform produced. */
const into = <S extends z.ZodType>(schema: S) => schema as unknown as z.ZodType<z.output<S>, never>;
const joined = (args: string[]) => (args.length ? args.join(' ') : undefined);
const noArgs = (usage: string) => (input: SplitArgs, context: z.RefinementCtx) => {
  if (input.args.length) context.addIssue({ code: 'custom', message: `This command takes no arguments (${usage}).` });
};

function spec(
  definition: Omit<CommandSpec, 'schema'> & { schema: (limits: GrammarLimits) => z.ZodType<Command, SplitArgs> },
): CommandSpec {
  return definition;
}

/** Builds the whole grammar table. */
export function commandSpecs(): CommandSpec[] {
  return [
    spec({
      words: ['panel', 'create'],
      usage:
        '/panel create <n> <description> [--name X] [--align <json>] [--demography <usa|brazil|china|norway|scandinavia|attached file>]',
      summary: 'Sample n synthetic personas matching a description and save them as a panel.',
      examples: [
        '/panel create 5 US parents of toddlers',
        '/panel create 20 nurses in Lagos --name lagos-nurses',
        `/panel create 10 UK voters --align '{"gender":{"female":0.5,"male":0.5}}'`,
        '/panel create 8 --demography norway',
        '/panel create 6 commuters who cycle --demography scandinavia',
      ],
      flags: { name: 'value', align: 'value', demography: 'value' },
      job: true,
      schema: (limits) =>
        split
          .transform((input) => ({
            count: input.args[0],
            description: joined(input.args.slice(1)),
            panelName: input.flags.name,
            align: input.flags.align,
            demography: typeof input.flags.demography === 'string' ? input.flags.demography : undefined,
          }))
          .pipe(
            into(
              z
                .object({
                  count: wholeNumber('The panel size n', 1, limits.maxPanelSize),
                  description: freeText('The description', 1000).optional(),
                  panelName: panelNameField.optional(),
                  align: alignField.optional(),
                  demography: nameText('The demography').optional(),
                })
                .refine((value) => value.description || value.demography, {
                  message:
                    'The description is missing: say who is in the panel, or give --demography with a country document.',
                }),
            ),
          )
          .transform((value) => ({ name: 'panel.create' as const, ...value })),
    }),
    spec({
      words: ['panel', 'list'],
      usage: '/panel list',
      summary: 'List the panels of this workspace.',
      examples: ['/panel list'],
      flags: {},
      schema: () => split.superRefine(noArgs('/panel list')).transform(() => ({ name: 'panel.list' as const })),
    }),
    ...(['show', 'delete', 'seat', 'complete'] as const).map((word) =>
      spec({
        words: ['panel', word],
        usage: `/panel ${word} <name>`,
        summary: {
          show: 'Show a panel: its roster with one-line bios and its profile.',
          delete: 'Delete a panel, its personas and their memories.',
          seat: 'Seat a panel in this channel: the channel becomes its world and the personas remember everything said here.',
          complete: 'Complete a panel whose creation stopped early: sample only the personas it is missing.',
        }[word],
        examples: [`/panel ${word} us-parents`],
        flags: {},
        schema: () =>
          split
            .transform((input) => ({ panel: joined(input.args) }))
            .pipe(into(z.object({ panel: nameText('The panel name') })))
            .transform((value) => ({ name: `panel.${word}` as const, panel: value.panel })),
      }),
    ),
    spec({
      words: ['panel', 'add'],
      usage: '/panel add <description | persona json | fragment json | library name | attached files> [--panel X]',
      summary:
        'Add a persona to the seated panel (written from a one-line description, a TinyTroupe .agent.json, a bare persona, or a library persona), or merge a fragment into every persona. Pasted JSON is read verbatim, up to 40,000 characters; attach .agent.json, .fragment.json or .zip files for more (in the local chat, give a path).',
      examples: [
        '/panel add a 34-year-old nurse in Leeds who cycles to work',
        '/panel add {"name":"Lisa Carter","age":28,"occupation":"Data scientist"}',
        '/panel add political-left',
        '/panel add {"type":"Fragment","persona":{"beliefs":["Public transport matters"]}}',
      ],
      flags: { panel: 'value' },
      schema: () =>
        split
          .transform((input) => ({ persona: joined(input.args), panel: input.flags.panel }))
          .pipe(
            into(
              z.object({
                persona: freeText('The persona', 20000).optional(),
                panel: nameText('The panel name').optional(),
              }),
            ),
          )
          .transform((value) => ({ name: 'panel.add' as const, ...value })),
    }),
    spec({
      words: ['panel', 'export'],
      usage: '/panel export tinytroupe [--panel X]  (also: /export tinytroupe)',
      summary:
        'Export the panel as a zip of TinyTroupe .agent.json files (persona and memories), for a TinyTroupe notebook or /panel add elsewhere.',
      examples: ['/panel export tinytroupe', '/panel export tinytroupe --panel us-parents'],
      flags: { panel: 'value' },
      schema: () =>
        split
          .transform((input) => ({ format: input.args.join(' ').toLowerCase() || undefined, panel: input.flags.panel }))
          .pipe(
            into(
              z.object({
                format: z.literal('tinytroupe', { error: 'The format must be tinytroupe.' }),
                panel: nameText('The panel name').optional(),
              }),
            ),
          )
          .transform((value) => ({ name: 'panel.export' as const, ...value })),
    }),
    spec({
      words: ['panel', 'ask'],
      usage: '/panel ask <question> [--independent-then-discuss] [--rounds N]',
      summary: 'Ask the seated panel a question: it opens a thread where every persona answers.',
      details: [
        `Up to ${COMPACT_ABOVE} personas: each answers in its own message, under its name and avatar.`,
        `More than ${COMPACT_ABOVE} (a whole large panel, or a follow-up to it): compact mode — ${COMPACT_BATCH} answers per message, each headed by the persona's name and labelled synthetic, so a long panel stays readable and arrives ${COMPACT_BATCH}× sooner.`,
        'A follow-up to one persona (@Name …) is always answered in its own message.',
        '--independent-then-discuss: every persona answers without seeing the others, the answers are posted, --rounds N (default 2) rounds of discussion follow, then everyone answers again privately; the thread gets an opinion-shift report (who changed, direction, a paired test, a herding flag).',
      ],
      examples: [
        '/panel ask "What would make you switch grocery apps?"',
        '/panel ask "Would you pay $9 a month for it?" --independent-then-discuss --rounds 2',
      ],
      flags: { 'independent-then-discuss': 'boolean', rounds: 'value' },
      job: true,
      schema: (limits) =>
        split
          .transform((input) => ({
            question: joined(input.args),
            independent: input.flags['independent-then-discuss'] === true,
            rounds: input.flags.rounds,
          }))
          .pipe(
            into(
              z.object({
                question: freeText('The question', 2000),
                independent: z.boolean(),
                rounds: wholeNumber('--rounds', 1, limits.maxRounds).optional(),
              }),
            ),
          )
          .superRefine((value, context) => {
            if (value.rounds !== undefined && !value.independent)
              context.addIssue({ code: 'custom', message: '--rounds goes with --independent-then-discuss.' });
          })
          .transform(({ independent, rounds, ...value }) => ({
            name: 'panel.ask' as const,
            ...value,
            ...(independent ? { independent, rounds: rounds ?? 2 } : {}),
          })),
    }),
    spec({
      words: ['panel', 'retry'],
      usage: '/panel retry <job>',
      summary:
        'Ask again only the personas that could not answer in an earlier ask or brainstorm (their failure is shown in the thread).',
      examples: ['/panel retry 0mf3k2a1b0000ab12cd34ef'],
      flags: {},
      job: true,
      schema: () =>
        split
          .transform((input) => ({ job: joined(input.args) }))
          .pipe(into(z.object({ job: nameText('The job id') })))
          .transform((value) => ({ name: 'panel.retry' as const, ...value })),
    }),
    ...pollSpecs().map(withPollExtrasSpec).map(spec),
    ...peoplePollSpecs().map(spec),
    ...forkSpecs().map(spec),
    ...configSpecs().map(spec),
    spec({
      words: ['brainstorm'],
      usage: '/brainstorm <topic> [--rounds N] [--diverge]',
      summary: 'Let the panel brainstorm a topic for N rounds; --diverge adds a variety intervention.',
      details: [
        `With more than ${COMPACT_ABOVE} personas each round is posted compact, ${COMPACT_BATCH} named answers per message (see /help ask).`,
      ],
      examples: ['/brainstorm "features for a budgeting app" --rounds 2 --diverge'],
      flags: { rounds: 'value', diverge: 'boolean' },
      job: true,
      schema: (limits) =>
        split
          .transform((input) => ({
            topic: joined(input.args),
            rounds: input.flags.rounds ?? '2',
            diverge: input.flags.diverge === true,
          }))
          .pipe(
            into(
              z.object({
                topic: freeText('The topic', 1000),
                rounds: wholeNumber('--rounds', 1, limits.maxRounds),
                diverge: z.boolean(),
              }),
            ),
          )
          .transform((value) => ({ name: 'brainstorm' as const, ...value })),
    }),
    spec({
      words: ['intervene'],
      usage: '/intervene when "<condition>" then "<thought>"',
      summary: `Steer the panel: when a condition about the conversation holds, each persona gets a thought. At most ${MAX_INTERVENTIONS} rules per channel; /intervene list shows them, /intervene remove <n> removes one.`,
      examples: ['/intervene when "the discussion is only about price" then "I should think about quality too"'],
      flags: {},
      schema: () =>
        split
          .superRefine((input, context) => {
            const [when, , then] = input.args.map((arg) => arg.toLowerCase());
            if (when !== 'when' || then !== 'then' || input.args.length !== 4) {
              context.addIssue({
                code: 'custom',
                message: 'Write it as: when "<condition>" then "<thought>", with both parts in quotes.',
              });
            }
          })
          .transform((input) => ({ condition: input.args[1], thought: input.args[3] }))
          .pipe(into(z.object({ condition: freeText('The condition', 500), thought: freeText('The thought', 500) })))
          .transform((value) => ({ name: 'intervene' as const, ...value })),
    }),
    spec({
      words: ['intervene', 'list'],
      usage: '/intervene list',
      summary: "List this channel's intervention rules, numbered.",
      examples: ['/intervene list'],
      flags: {},
      schema: () => split.superRefine(noArgs('/intervene list')).transform(() => ({ name: 'intervene.list' as const })),
    }),
    spec({
      words: ['intervene', 'remove'],
      usage: '/intervene remove <n>',
      summary: 'Remove rule number n (as /intervene list numbers them).',
      examples: ['/intervene remove 1'],
      flags: {},
      schema: () =>
        split
          .transform((input) => ({ index: joined(input.args) }))
          .pipe(into(z.object({ index: wholeNumber('The rule number', 1, MAX_INTERVENTIONS) })))
          .transform((value) => ({ name: 'intervene.remove' as const, index: value.index })),
    }),
    spec({
      words: ['persona'],
      usage: '/persona <name>',
      summary: "Show a persona's card: who they are, what they believe and what they said.",
      examples: ['/persona Ada Okafor'],
      flags: {},
      schema: () =>
        split
          .transform((input) => ({ persona: joined(input.args) }))
          .pipe(into(z.object({ persona: nameText('The persona name') })))
          .transform((value) => ({ name: 'persona' as const, ...value })),
    }),
    spec({
      words: ['summarize'],
      usage: '/summarize [focus] [--all]',
      summary: 'Summarize this thread (or the latest thread; --all for the whole channel), optionally with a focus.',
      examples: ['/summarize', '/summarize "objections to the price" --all'],
      flags: { all: 'boolean' },
      job: true,
      schema: () =>
        split
          .transform((input) => ({ focus: joined(input.args), all: input.flags.all === true }))
          .pipe(into(z.object({ focus: freeText('The focus', 500).optional(), all: z.boolean() })))
          .transform((value) => ({ name: 'summarize' as const, ...value })),
    }),
    spec({
      words: ['export'],
      usage: `/export <${EXPORT_FORMATS.join('|')}|tinytroupe> [--all]`,
      summary: 'Export this thread (or --all: the whole channel) as a file.',
      examples: ['/export md', '/export docx --all'],
      flags: { all: 'boolean' },
      schema: () =>
        split
          .superRefine((input, context) => {
            if (input.args.length > 1) context.addIssue({ code: 'custom', message: 'Give exactly one format.' });
          })
          .transform((input) => ({
            format: input.args[0]?.toLowerCase().replace(/^\./, ''),
            all: input.flags.all === true,
          }))
          .pipe(
            into(
              z.object({
                format: z.enum(EXPORT_FORMATS, { error: `The format must be one of ${EXPORT_FORMATS.join(', ')}.` }),
                all: z.boolean(),
              }),
            ),
          )
          .transform((value) => ({ name: 'export' as const, ...value })),
    }),
    spec({
      words: ['usage'],
      usage: '/usage',
      summary: 'Show LLM calls, tokens and cost spent by this workspace.',
      examples: ['/usage'],
      flags: {},
      schema: () => split.superRefine(noArgs('/usage')).transform(() => ({ name: 'usage' as const })),
    }),
    spec({
      words: ['help'],
      usage: '/help [command]',
      summary: 'List the commands, or explain one.',
      examples: ['/help', '/help poll'],
      flags: {},
      schema: () =>
        split.transform((input) => ({
          name: 'help' as const,
          topic: joined(input.args)?.replace(/^\//, '').slice(0, 80),
        })),
    }),
    spec({
      words: ['cancel'],
      usage: '/cancel [job]',
      summary: 'Cancel a running job (the latest one of this conversation when no id is given).',
      examples: ['/cancel', '/cancel 0mh2k3x1a0000f3a9c'],
      flags: {},
      schema: () =>
        split
          .transform((input) => ({ job: joined(input.args) }))
          .pipe(
            into(
              z.object({
                job: z
                  .string()
                  .regex(/^[a-z0-9]{1,64}$/i, 'A job id is letters and digits only.')
                  .optional(),
              }),
            ),
          )
          .transform((value) => ({ name: 'cancel' as const, ...value })),
    }),
    spec({
      words: ['confirm'],
      usage: '/confirm <id>',
      summary: 'Run an expensive command the estimate asked you to confirm.',
      examples: ['/confirm k3x9'],
      flags: {},
      schema: () =>
        split
          .transform((input) => ({ confirmId: joined(input.args) }))
          .pipe(
            into(
              z.object({
                confirmId: z
                  .string({ error: 'The confirmation id is missing.' })
                  .regex(/^[a-z0-9]{1,64}$/i, 'A confirmation id is letters and digits only.'),
              }),
            ),
          )
          .transform((value) => ({ name: 'confirm' as const, ...value })),
    }),
  ];
}
