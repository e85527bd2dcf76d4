/**
 * Makes text unable to ping anyone on Discord: `@everyone`, `@here` and mention syntax
 * (`<@123>`, `<@!123>`, `<@&123>`) get a zero-width space after the `@`, so they show as typed
 * but never resolve. Every post also carries `allowedMentions: { parse: [] }`; this is the
 * second lock, for text built from model or user input.
 *
 * @example
 *   escapeMentions('hi @everyone <@123>') // 'hi @\u200beveryone <@\u200b123>'
 */
export function escapeMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/gi, '@\u200b$1').replace(/<@([!&]?\d+)>/g, '<@\u200b$1>');
}

/** What every Troupe message sends as `allowed_mentions`: nobody is pinged, whatever the text says. */
export const NO_MENTIONS = { parse: [] as [] };
