import { MAX_INPUT_CHARS } from './tokenize.js';

/**
 * Longest pasted JSON `/panel add` takes (characters): Slack's own message limit, and several times
 * a real TinyTroupe agent file (5–30 KB). Larger files go in as uploads.
 */
export const MAX_PASTED_JSON_CHARS = 40_000;

/** Pasted JSON of `/panel add`, exactly as typed, and the `--panel` that may follow it. */
export interface RawJsonArgument {
  json: string;
  panel?: string;
}

const PANEL_ADD = /^\s*\/?panel\s+add\s+/i;

/**
 * `/panel add {…}` or `/panel add ```json {…} ```` with the JSON taken verbatim — never through the
 * command tokenizer, which reads quotes, dashes and spaces as syntax (curly quotes and apostrophes
 * as quotes, an em dash as an option, double spaces collapsed). A `--panel X` may follow the JSON.
 *
 * @example
 *   rawJsonArgument('/panel add {"name": "Zoë — a “test”"} --panel p1'); // { json: '{"name": "Zoë — a “test”"}', panel: 'p1' }
 */
export function rawJsonArgument(text: string): RawJsonArgument | undefined {
  const head = PANEL_ADD.exec(text);
  if (!head) return undefined;
  const rest = text.slice(head[0].length);
  const fenced = /^```[a-zA-Z]*[ \t]*\r?\n?([\s\S]*?)\r?\n?```([\s\S]*)$/.exec(rest);
  if (fenced) return withPanel(fenced[1], fenced[2]);
  if (!rest.startsWith('{')) return undefined;
  const end = rest.lastIndexOf('}');
  return withPanel(rest.slice(0, end + 1), rest.slice(end + 1));
}

function withPanel(json: string, tail: string): RawJsonArgument {
  const panel = /^\s*--panel[=\s]+(\S+)\s*$/.exec(tail)?.[1];
  if (panel || !tail.trim()) return { json, panel };
  // Anything else after the JSON stays part of it, so JSON.parse names the problem.
  return { json: json + tail };
}

/** The length limit for a message: pasted `/panel add` JSON may be longer than other commands. */
export function inputLimitFor(text: string): number {
  return PANEL_ADD.test(text) && /^\s*\/?panel\s+add\s+(\{|```)/i.test(text) ? MAX_PASTED_JSON_CHARS : MAX_INPUT_CHARS;
}
