import { neutralizeBroadcasts, safeChatText } from '../../commands/safe-text.js';

/** `[label](url)` → `\[label\](url)`: the address shows, the label cannot pose as it. */
function unmaskLinks(text: string): string {
  return text.replace(/\[([^\]\n]*)\]\(/g, '\\[$1\\](');
}

/**
 * Teams' variant of the one outgoing-text rule (`commands/safe-text.ts`) for an activity's `text`, which
 * Teams reads as Markdown with inline HTML: the shared rule (`<at>…</at>`, HTML tags and `&` become
 * entities, `@everyone` gets a word joiner), plus masked Markdown links shown with their address.
 *
 * @example
 *   safeTeamsText('<at>Pat</at> see [docs](https://evil.example)') // '&lt;at&gt;Pat&lt;/at&gt; see \\[docs\\](https://evil.example)'
 */
export function safeTeamsText(text: string): string {
  return unmaskLinks(safeChatText(text));
}

/**
 * The same rule for text inside Adaptive Card TextBlocks, which render a small Markdown subset: every
 * Markdown and tag character is backslash-escaped (so `<at>`, links and formatting show as typed) and
 * broadcasts get a word joiner.
 *
 * @example
 *   escapeCardMarkdown('[docs](https://x) *now*') // '\\[docs\\](https://x) \\*now\\*'
 */
export function escapeCardMarkdown(text: string): string {
  return neutralizeBroadcasts(text).replace(/([\\`*_[\]<>#|~])/g, '\\$1');
}
