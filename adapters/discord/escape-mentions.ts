import { neutralizeBroadcasts } from '../../commands/safe-text.js';

/**
 * Discord's variant of the one outgoing-text rule (`commands/safe-text.ts`): the shared broadcast rule
 * (`@everyone`, `@here` get a word joiner), plus Discord's own markup — user, role and channel mentions
 * (`<@123>`, `<@!123>`, `<@&123>`, `<#123>`) get a zero-width space so they show as typed but never
 * resolve, and masked links (`[Official docs](https://…)`) get their brackets escaped so the address shows.
 * Every post also carries `allowedMentions: { parse: [] }`; this is the second lock, for text built from
 * model or user input. (Discord shows `&lt;` literally, so the shared angle-bracket escape does not apply.)
 *
 * @example
 *   escapeMentions('hi @everyone <@123> [docs](https://x.example)')
 *   // 'hi @\u2060everyone <@\u200b123> \\[docs\\](https://x.example)'
 */
export function escapeMentions(text: string): string {
  return neutralizeBroadcasts(text)
    .replace(/<([@#][!&]?)(\d+)>/g, (_whole, sigil: string, id: string) => `<${sigil[0]}\u200b${sigil.slice(1)}${id}>`)
    .replace(/\[([^\]\n]*)\]\(/g, '\\[$1\\](');
}

/** What every Troupe message sends as `allowed_mentions`: nobody is pinged, whatever the text says. */
export const NO_MENTIONS = { parse: [] as [] };
