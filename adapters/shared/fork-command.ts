/**
 * The `/fork` command line of a stimulus typed into a [Fork] form (Discord's modal, Teams' card),
 * quoted for the grammar. A form that came back empty is a bare `/fork`, so the person gets the
 * grammar's answer (what is missing, with an example) instead of silence.
 *
 * @example
 *   forkCommand(' And at "$12"? ') // '/fork "And at \\"$12\\"?"'
 *   forkCommand('  ') // '/fork'
 */
export function forkCommand(stimulus: string | undefined): string {
  const text = stimulus?.trim();
  return text ? `/fork "${text.replace(/(["\\])/g, '\\$1')}"` : '/fork';
}
