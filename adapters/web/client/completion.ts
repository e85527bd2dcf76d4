import type { WebPanel, WebState } from '../web-message.js';

/** One suggestion of the composer: what the input becomes when it is taken. */
export interface Suggestion {
  label: string;
  detail: string;
  /** The whole composer text after taking it. */
  text: string;
}

/** What completion knows: the command table and the tenant's panels (with their personas). */
export interface CompletionData {
  commands: WebState['commands'];
  panels: WebPanel[];
}

const PANEL_ARGUMENT = /^(\/panel (?:seat|show|delete|complete) |.*--panel )(\S*)$/i;

/**
 * Suggestions for what is typed so far: command names after `/`, panel names where a panel is expected, persona names
 * after `@` or `/persona `. Pure, so it is the same on every keystroke.
 *
 * @example
 *   suggest('/pan', data)[0].text; // '/panel create '
 */
export function suggest(text: string, data: CompletionData): Suggestion[] {
  const personas = [...new Set(data.panels.flatMap((panel) => panel.people.map((person) => person.name)))];
  const persona = /^(\/persona )(.*)$/i.exec(text);
  if (persona)
    return matching(personas, persona[2]).map((name) => ({
      label: name,
      detail: 'persona',
      text: `${persona[1]}${name}`,
    }));
  const panel = PANEL_ARGUMENT.exec(text);
  if (panel)
    return matching(
      data.panels.map((item) => item.name),
      panel[2],
    ).map((name) => ({ label: name, detail: 'panel', text: `${panel[1]}${name} ` }));
  const mention = /^(.*?)@([^\s@]*)$/s.exec(text);
  if (mention)
    return matching(personas, mention[2]).map((name) => ({
      label: name,
      detail: 'persona',
      text: `${mention[1]}@${name.split(/\s+/)[0]} `,
    }));
  if (!text.startsWith('/')) return [];
  const typed = text.slice(1).toLowerCase();
  return data.commands
    .filter((command) => command.words.startsWith(typed) && typed.length < command.words.length + 1)
    .filter((command) => !text.startsWith(`/${command.words} `))
    .slice(0, 8)
    .map((command) => ({ label: `/${command.words}`, detail: command.summary, text: `/${command.words} ` }));
}

function matching(names: string[], typed: string): string[] {
  const wanted = typed.trim().toLowerCase();
  return names
    .filter(
      (name) =>
        name.toLowerCase().startsWith(wanted) ||
        name
          .toLowerCase()
          .split(/\s+/)
          .some((w) => w.startsWith(wanted)),
    )
    .slice(0, 8);
}
