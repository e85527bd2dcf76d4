/**
 * The `/fork` command line of a stimulus typed into a [Fork] form (Discord's modal, Teams' card),
 * quoted for the grammar; undefined when the form came back empty.
 *
 * @example
 *   forkCommand(' And at "$12"? ') // '/fork "And at \\"$12\\"?"'
 */
export function forkCommand(stimulus: string | undefined): string | undefined {
  const text = stimulus?.trim();
  return text ? `/fork "${text.replace(/(["\\])/g, '\\$1')}"` : undefined;
}
