import type { Action, WorldEvent } from '../agent/events.js';

export { contentWords } from '../util/words.js';

/** Fills `{{name}}` placeholders; returns the text and the names that had no value. */
export function fillTemplate(
  template: string,
  vars: Readonly<Record<string, unknown>>,
): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) => {
    if (!(name in vars) || vars[name] === undefined) {
      missing.push(name);
      return whole;
    }
    return stringifyVar(vars[name]);
  });
  return { text, missing };
}

function stringifyVar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isAction(value)) return formatAction(value);
  return JSON.stringify(value);
}

function isAction(value: unknown): value is Action {
  return typeof value === 'object' && value !== null && 'type' in value && 'content' in value;
}

/** One action as a line a judge can read, e.g. `TALK → Oscar: "I'd build a …"`. */
export function formatAction(action: Action): string {
  const target = action.target ? ` → ${action.target}` : '';
  return `${action.type}${target}: ${JSON.stringify(action.content)}`;
}

const MAX_EVENT_CHARS = 1500;

/** One trajectory event as a transcript line, capped so a single long event cannot flood the prompt. */
export function formatEvent(event: WorldEvent): string {
  const content =
    event.content.length > MAX_EVENT_CHARS ? `${event.content.slice(0, MAX_EVENT_CHARS)}…` : event.content;
  const time = event.simTime ? `[${event.simTime}] ` : '';
  if (event.kind === 'action') {
    const to = event.counterpart ? ` → ${event.counterpart}` : '';
    return `${time}${event.agent} ${event.type}${to}: ${content}`;
  }
  const from = event.counterpart ? ` from ${event.counterpart}` : '';
  return `${time}${event.agent} perceived ${event.type}${from}: ${content}`;
}

/**
 * The first N and last N events of a trajectory, with a marker where events were left out.
 * Windowing here (not in the target) keeps the marker exact whatever the target does.
 */
export function windowEvents(
  events: readonly WorldEvent[],
  firstN: number,
  lastN: number,
): { events: WorldEvent[]; omitted: number } {
  if (events.length <= firstN + lastN) return { events: [...events], omitted: 0 };
  return {
    events: [...events.slice(0, firstN), ...(lastN > 0 ? events.slice(-lastN) : [])],
    omitted: events.length - firstN - lastN,
  };
}

/** Renders a window as transcript lines with the omission marker between first and last events. */
export function renderWindow(events: readonly WorldEvent[], firstN: number, lastN: number): string {
  const { events: kept, omitted } = windowEvents(events, firstN, lastN);
  if (kept.length === 0) return '(no events yet)';
  const lines = kept.map(formatEvent);
  if (omitted > 0) lines.splice(firstN, 0, `(… ${omitted} events omitted for brevity …)`);
  return lines.join('\n');
}
