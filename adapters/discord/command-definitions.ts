import { EXPORT_FORMATS, POLL_KINDS } from '../../commands/grammar/command-types.js';
import { commandSpecs, type CommandSpec } from '../../commands/grammar/specs.js';

/** Discord application command option types used here. */
const OPTION = { subcommand: 1, string: 3, integer: 4, boolean: 5, number: 10, attachment: 11 } as const;

/** One typed option of an application command (Discord's JSON shape). */
export interface CommandOption {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  choices?: { name: string; value: string | number }[];
  autocomplete?: boolean;
  min_value?: number;
  max_value?: number;
  options?: CommandOption[];
}

/** An application command as registered with `PUT /applications/{id}(/guilds/{id})/commands`. */
export interface ApplicationCommand {
  name: string;
  description: string;
  type: 1;
  options: CommandOption[];
  contexts: number[];
}

/** How a positional argument is typed and written back into the command line. */
interface Positional {
  name: string;
  description: string;
  kind: 'string' | 'integer';
  required: boolean;
  /** Typed as is (`"A" "B"` options, a count); otherwise quoted as one argument. */
  raw?: boolean;
  choices?: readonly string[];
  autocomplete?: 'panel' | 'persona';
  /** Written before the value (`when "…"`). */
  lead?: string;
}

const text = (name: string, description: string, required = true, extra: Partial<Positional> = {}): Positional => ({
  name,
  description,
  kind: 'string',
  required,
  ...extra,
});

/**
 * The positional arguments of each grammar command, typed for Discord. Flags come from the
 * grammar spec itself; a spec without an entry here fails `applicationCommands` (so the two cannot drift).
 */
const POSITIONALS: Record<string, Positional[]> = {
  'panel create': [
    { name: 'count', description: 'How many personas', kind: 'integer', required: true, raw: true },
    text('description', 'Who they are, e.g. US parents of toddlers'),
  ],
  'panel list': [],
  'panel show': [text('name', 'The panel', true, { autocomplete: 'panel' })],
  'panel delete': [text('name', 'The panel', true, { autocomplete: 'panel' })],
  'panel seat': [text('name', 'The panel', true, { autocomplete: 'panel' })],
  'panel complete': [text('name', 'The panel', true, { autocomplete: 'panel' })],
  'panel export': [{ ...text('format', 'File format'), raw: true, choices: ['tinytroupe'] }],
  'panel add': [text('persona', 'A description, persona JSON, fragment or library name', false)],
  'panel ask': [text('question', 'The question every persona answers')],
  'panel retry': [text('job', 'The job id', true, { raw: true })],
  poll: [
    { ...text('kind', 'The kind of poll'), raw: true, choices: [...POLL_KINDS, 'compare', 'close'] },
    text('question', 'The poll question (not for compare)', false),
    text('options', 'Options for choice/multi, each in quotes: "Nova" "Orbit"', false, { raw: true }),
  ],
  'poll compare': [],
  'poll close': [text('poll', 'The poll id (default: the open people poll here)', false, { raw: true })],
  vote: [text('choice', 'The option number or its name', true, { raw: true })],
  fidelity: [text('path', 'Attach the CSV with the file option (a path works in the local chat only)', false)],
  'fidelity history': [],
  'config export-names': [
    { ...text('value', 'on or off (empty: show the setting)', false), raw: true, choices: ['on', 'off'] },
  ],
  brainstorm: [text('topic', 'What to brainstorm')],
  intervene: [
    text('when', 'The condition, e.g. the discussion is only about price', true, { lead: 'when' }),
    text('then', 'The thought each persona gets', true, { lead: 'then' }),
  ],
  'intervene list': [],
  'intervene remove': [text('n', 'The rule number from /intervene list', true, { raw: true })],
  persona: [text('name', 'The persona', true, { autocomplete: 'persona' })],
  summarize: [text('focus', 'What to focus on', false)],
  export: [{ ...text('format', 'File format'), raw: true, choices: EXPORT_FORMATS }],
  usage: [],
  help: [text('command', 'A command to explain', false, { raw: true })],
  cancel: [text('job', 'The job id (default: the latest)', false, { raw: true })],
  confirm: [text('id', 'The confirmation id', true, { raw: true })],
  fork: [text('stimulus', 'The changed stimulus, e.g. the same question at $12')],
  diff: [text('threads', 'Two thread ids (default: this fork and its parent)', false, { raw: true })],
  experiment: [text('a', 'Stimulus A'), text('b', 'Stimulus B')],
};

/** The name of the attachment option `/panel add` takes (a `.agent.json`, `.fragment.json` or `.zip`). */
export const FILE_OPTION = 'file';

/** Attachment options per command (not written into the command line; the adapter downloads them). */
const ATTACHMENTS: Record<string, CommandOption[]> = {
  fidelity: [
    {
      type: OPTION.attachment,
      name: FILE_OPTION,
      description: 'The survey CSV (one row per respondent)',
      required: false,
    },
  ],
  'panel add': [
    {
      type: OPTION.attachment,
      name: FILE_OPTION,
      description: 'A .agent.json, .fragment.json or .zip of them (TinyTroupe format)',
      required: false,
    },
  ],
};

/** The subcommand name of a bare verb whose group also has subcommands (`/intervene add` for `/intervene when … then …`). */
const BARE_SUBCOMMAND: Record<string, string> = { intervene: 'add', fidelity: 'run' };

/** Flag option types beyond string/boolean (from the grammar's flag names). */
const FLAG_TYPES: Record<string, Partial<CommandOption>> = {
  rounds: { type: OPTION.integer, min_value: 1 },
  points: { type: OPTION.integer, choices: [5, 7].map((value) => ({ name: String(value), value })) },
  min: { type: OPTION.number },
  max: { type: OPTION.number },
  panel: { type: OPTION.string, autocomplete: true },
};

const clip = (value: string, max = 100) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);
const key = (spec: CommandSpec) => spec.words.join(' ');

function positionalsOf(spec: CommandSpec): Positional[] {
  const found = POSITIONALS[key(spec)];
  if (!found) throw new Error(`The Discord command table has no entry for /${key(spec)}; add it to POSITIONALS.`);
  return found;
}

function optionsOf(spec: CommandSpec, maxPanelSize: number): CommandOption[] {
  const positional = positionalsOf(spec).map(
    (entry): CommandOption => ({
      type: entry.kind === 'integer' ? OPTION.integer : OPTION.string,
      name: entry.name,
      description: clip(entry.description),
      required: entry.required,
      ...(entry.choices ? { choices: entry.choices.map((choice) => ({ name: choice, value: choice })) } : {}),
      ...(entry.autocomplete ? { autocomplete: true } : {}),
      ...(entry.kind === 'integer' ? { min_value: 1, max_value: maxPanelSize } : {}),
    }),
  );
  const flags = Object.entries(spec.flags).map(
    ([name, kind]): CommandOption => ({
      type: kind === 'boolean' ? OPTION.boolean : OPTION.string,
      name,
      description: clip(`--${name}${kind === 'boolean' ? '' : ' value'} (see /help ${spec.words[0]})`),
      required: false,
      ...(kind === 'value' ? FLAG_TYPES[name] : {}),
    }),
  );
  // Discord wants required options first.
  return [...positional, ...(ATTACHMENTS[key(spec)] ?? []), ...flags].sort(
    (a, b) => Number(Boolean(b.required)) - Number(Boolean(a.required)),
  );
}

/**
 * The application commands, built from the chat grammar (`commandSpecs`): `/panel` with one
 * subcommand per panel verb, `/poll` with a kind choice (including `compare`), and one command per
 * other verb, with typed options (integer count, choices for poll kinds and export formats,
 * autocomplete for panel and persona names). Used by `npm run discord:register`.
 *
 * @example
 *   await rest.put(Routes.applicationGuildCommands(appId, guildId), { body: applicationCommands({ maxPanelSize: 50 }) });
 */
export function applicationCommands(limits: { maxPanelSize: number }): ApplicationCommand[] {
  const specs = commandSpecs().filter((spec) => key(spec) !== 'poll compare' && key(spec) !== 'poll close');
  const groups = new Map<string, CommandSpec[]>();
  for (const spec of specs) groups.set(spec.words[0], [...(groups.get(spec.words[0]) ?? []), spec]);
  return [...groups.entries()].map(([name, group]) => {
    const options =
      group.length > 1 || group[0].words.length > 1
        ? group.map(
            (spec): CommandOption => ({
              type: OPTION.subcommand,
              name: spec.words[1] ?? BARE_SUBCOMMAND[name],
              description: clip(spec.summary),
              options: optionsOf(spec, limits.maxPanelSize),
            }),
          )
        : optionsOf(group[0], limits.maxPanelSize);
    const summary = name === 'panel' ? 'Create, show, seat and ask synthetic panels.' : group[0].summary;
    // contexts [0]: guild channels only (each guild is a tenant).
    return { name, description: clip(summary), type: 1 as const, options, contexts: [0] };
  });
}

/** A used slash command: its name, subcommand and option values. */
export interface SlashInput {
  command: string;
  subcommand?: string | null;
  options: Map<string, string | number | boolean>;
}

const quote = (value: string) => `"${value.replace(/(["\\])/g, '\\$1')}"`;

/**
 * Writes a used slash command back as the chat's command line, so it goes through the same
 * parser as everywhere else: `/panel create count:5 description:US parents` → `/panel create 5 "US parents"`.
 *
 * @example
 *   slashText({ command: 'poll', options: new Map([['kind', 'yesno'], ['question', 'Pay $5?']]) }) // '/poll yesno "Pay $5?"'
 */
export function slashText(input: SlashInput): string {
  const kind = input.options.get('kind');
  const words =
    input.command === 'poll' && (kind === 'compare' || kind === 'close')
      ? ['poll', kind]
      : [
          input.command,
          ...(input.subcommand && input.subcommand !== BARE_SUBCOMMAND[input.command] ? [input.subcommand] : []),
        ];
  const spec = commandSpecs().find((candidate) => key(candidate) === words.join(' '));
  if (!spec) return `/${words.join(' ')}`;
  const parts = [`/${words.join(' ')}`];
  for (const entry of POSITIONALS[key(spec)] ?? []) {
    const value = input.options.get(entry.name);
    if (value === undefined || (spec.words.join(' ') === 'poll compare' && entry.name === 'kind')) continue;
    if (entry.lead) parts.push(entry.lead);
    parts.push(entry.raw || typeof value !== 'string' ? String(value) : quote(value));
  }
  for (const [flag, kind] of Object.entries(spec.flags)) {
    const value = input.options.get(flag);
    if (value === undefined || value === false) continue;
    parts.push(kind === 'boolean' ? `--${flag}` : `--${flag} ${typeof value === 'string' ? quote(value) : value}`);
  }
  return parts.join(' ');
}

/** Which option of a command autocompletes which names (`panel` or `persona`). */
export function autocompleteKind(command: string, option: string): 'panel' | 'persona' | undefined {
  if (option === 'panel') return 'panel';
  if (command === 'persona' && option === 'name') return 'persona';
  if (command === 'panel' && option === 'name') return 'panel';
  return undefined;
}
