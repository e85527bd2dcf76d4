import { UserInputError } from '../../engine/errors.js';
import { DEFAULT_GRAMMAR_LIMITS, type Command, type GrammarLimits } from './command-types.js';
import type { CommandSpec } from './specs.js';
import { commandSpecs } from './specs.js';
import { didYouMean } from './suggest.js';
import { inputLimitFor, rawJsonArgument } from './raw-json.js';
import { checkRawInput, splitFlags, tokenize } from './tokenize.js';

/**
 * Parses command lines against the grammar table. Every failure is a UserInputError that says
 * what was wrong and carries a correct example.
 *
 * @example
 *   const parser = new CommandParser({ maxPanelSize: 50, maxRounds: 10 });
 *   parser.parse('/panel create 5 US parents'); // { name: 'panel.create', count: 5, description: 'US parents' }
 */
export class CommandParser {
  readonly specs: CommandSpec[];

  constructor(private readonly limits: GrammarLimits = DEFAULT_GRAMMAR_LIMITS) {
    this.specs = commandSpecs();
  }

  /** True when the text is a command (starts with a slash) rather than a plain message. */
  static isCommand(text: string): boolean {
    return /^\s*\//.test(text);
  }

  parse(text: string): Command {
    checkRawInput(text, '/help', inputLimitFor(text));
    const raw = rawJsonArgument(text);
    if (raw) return { name: 'panel.add', persona: raw.json, ...(raw.panel ? { panel: raw.panel } : {}) };
    // `/export tinytroupe` is the panel export, not a thread export.
    const line = text
      .trim()
      .replace(/^\//, '')
      .replace(/^export(\s+tinytroupe\b)/i, 'panel export$1');
    const tokens = tokenize(line, '/help');
    if (!tokens.length || tokens[0].quoted) {
      throw new UserInputError('command.empty', 'Type a command after the slash.', '/help');
    }
    const spec = this.findSpec(tokens.map((token) => token.text.toLowerCase()));
    const example = spec.examples[0];
    const rest = tokens.slice(spec.words.length);
    const split = splitFlags(rest, spec.flags, example);
    const parsed = spec.schema(this.limits).safeParse(split);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UserInputError(
        'command.invalid',
        `${issue.message} Usage: ${spec.usage}`,
        spec.exampleFor?.(split) ?? example,
      );
    }
    return parsed.data;
  }

  /** The spec for a command name such as `panel create`, `poll` or `/help`. */
  findByName(name: string): CommandSpec | undefined {
    const words = name.replace(/^\//, '').toLowerCase().split(/\s+/).filter(Boolean);
    return this.specs.find(
      (spec) => spec.words.length === words.length && spec.words.every((word, index) => word === words[index]),
    );
  }

  private findSpec(words: string[]): CommandSpec {
    const matches = this.specs.filter((spec) => spec.words.every((word, index) => words[index] === word));
    if (matches.length) return matches.sort((a, b) => b.words.length - a.words.length)[0];
    const groups = this.specs.filter((spec) => spec.words.length > 1 && spec.words[0] === words[0]);
    if (groups.length) {
      const subcommands = groups.map((spec) => spec.words[1]);
      const typed = words[1];
      const hint = typed ? didYouMean(typed, subcommands) : '';
      throw new UserInputError(
        'command.unknown',
        `${typed ? `"/${words[0]} ${typed}" is not a command.` : `/${words[0]} needs a subcommand.`}${hint} Subcommands: ${subcommands.join(', ')}.`,
        groups[0].examples[0],
      );
    }
    const names = [...new Set(this.specs.map((spec) => spec.words[0]))];
    throw new UserInputError(
      'command.unknown',
      `"/${words[0].slice(0, 40)}" is not a command.${didYouMean(words[0], names)} Type /help for the list.`,
      '/help',
    );
  }
}
