/**
 * The one rule for text that reaches a chat from a model or a user (persona answers, panel names,
 * questions, summaries): it may be read, never acted on. Every adapter renders outgoing text through
 * `safeChatText` — blocks and fallback text alike — so `<!channel>`, `<@U123>`, `<#C1>`,
 * `<https://evil|Docs>`, `<at>…</at>` or a bare `@everyone` / `@here` / `@channel` cannot notify
 * anyone or pose as a link.
 *
 * @example
 *   safeChatText('<!channel> see <https://evil.example|our docs>') // '&lt;!channel&gt; see &lt;https://evil.example|our docs&gt;'
 */
export function safeChatText(text: string): string {
  return neutralizeBroadcasts(escapeAngleMarkup(text));
}

/**
 * Escapes `&`, `<` and `>` as entities: the three characters Slack's mrkdwn and Teams' HTML read as
 * markup, so a mention, a channel link or a labelled link is shown as typed.
 */
export function escapeAngleMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A word joiner after the `@` of `@everyone`, `@here` and `@channel`: shown the same, never a broadcast. */
export function neutralizeBroadcasts(text: string): string {
  return text.replace(/@(everyone|here|channel)\b/gi, '@\u2060$1');
}
