import { UserInputError } from '../../engine/errors.js';

/** One word of a command line; `quoted` tokens are never read as flags. */
export interface Token {
  text: string;
  quoted: boolean;
}

/** Longest command line accepted (characters); longer input is refused before parsing. */
export const MAX_INPUT_CHARS = 4000;

const QUOTE_PAIRS: Record<string, string> = {
  '"': '"',
  "'": "'",
  '\u201c': '\u201d', // “ ”
  '\u201d': '\u201d',
  '\u2018': '\u2019', // ‘ ’
  '\u00ab': '\u00bb', // « »
  '\u300c': '\u300d', // 「 」
};

/**
 * Rejects input no command should carry: oversize text and control characters (NUL and other C0
 * codes except tab/newline), which terminals and stores handle badly.
 */
export function checkRawInput(input: string, example = '/help', limit = MAX_INPUT_CHARS): void {
  if (input.length > limit) {
    throw new UserInputError(
      'input.too-long',
      `That message is ${input.length.toLocaleString('en-US')} characters; the limit is ${limit.toLocaleString('en-US')}. ${limit > MAX_INPUT_CHARS ? 'Attach the file to /panel add instead of pasting it.' : 'Shorten it or split it into several messages.'}`,
      example,
    );
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is this check's purpose
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(input)) {
    throw new UserInputError(
      'input.control-chars',
      'The message contains control characters (such as a NUL byte); remove them and try again.',
      example,
    );
  }
}

/**
 * Splits a command line into words, honouring straight and typographic quotes (“…”, ‘…’, «…»)
 * and backslash escapes inside double quotes. Unicode text passes through untouched.
 *
 * @example
 *   tokenize('/poll choice "Which name?" Alpha "Beta Max"')
 *   // [/poll] [choice] [Which name?] [Alpha] [Beta Max]
 */
export function tokenize(input: string, example = '/help'): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < input.length) {
    const char = input[index];
    if (/\s/u.test(char)) {
      index++;
      continue;
    }
    const closing = QUOTE_PAIRS[char];
    if (closing !== undefined) {
      const end = findClosing(input, index + 1, closing, char === '"');
      if (end < 0) {
        throw new UserInputError(
          'input.quote',
          `A quote opened at character ${index + 1} is never closed. Close every quote you open.`,
          example,
        );
      }
      tokens.push({ text: unescapeQuotes(input.slice(index + 1, end), char === '"'), quoted: true });
      index = end + 1;
      continue;
    }
    let end = index;
    while (end < input.length && !/\s/u.test(input[end])) end++;
    tokens.push({ text: input.slice(index, end), quoted: false });
    index = end;
  }
  return tokens;
}

function findClosing(input: string, from: number, closing: string, escapes: boolean): number {
  for (let index = from; index < input.length; index++) {
    if (escapes && input[index] === '\\') {
      index++;
      continue;
    }
    if (input[index] === closing) return index;
  }
  return -1;
}

function unescapeQuotes(text: string, escapes: boolean): string {
  return escapes ? text.replace(/\\(["\\])/g, '$1') : text;
}

/** Positional arguments and `--flags` of a command line (after the command words). */
export interface SplitArgs {
  args: string[];
  flags: Record<string, string | true>;
}

/**
 * Separates flags from positional words. A flag takes the next word as its value when the
 * command declares it `value`; `--name=X` also works. An em dash (`—name`, typed by autocorrect)
 * counts as `--`. A lone `--` or `—` is punctuation in free text ("Price — too high?"), not a flag.
 */
export function splitFlags(tokens: Token[], declared: Record<string, 'value' | 'boolean'>, example: string): SplitArgs {
  const args: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    const match = token.quoted ? null : /^(?:--|\u2014)([\p{L}\p{N}][\p{L}\p{N}-]*)(?:=(.*))?$/u.exec(token.text);
    if (!match) {
      args.push(token.text);
      continue;
    }
    const name = match[1].toLowerCase();
    const kind = declared[name];
    if (kind === undefined) {
      const known = Object.keys(declared);
      const list = known.length
        ? `Known options: ${known.map((flag) => `--${flag}`).join(', ')}.`
        : 'This command takes no options.';
      throw new UserInputError('command.unknown-flag', `Unknown option --${name}. ${list}`, example);
    }
    if (kind === 'boolean') {
      if (match[2] !== undefined) throw new UserInputError('command.flag-value', `--${name} takes no value.`, example);
      flags[name] = true;
      continue;
    }
    const value = match[2] ?? tokens[index + 1]?.text;
    if (match[2] === undefined) index++;
    if (value === undefined || value === '')
      throw new UserInputError('command.flag-value', `--${name} needs a value.`, example);
    flags[name] = value;
  }
  return { args, flags };
}
