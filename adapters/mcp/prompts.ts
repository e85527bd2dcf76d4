import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const user = (text: string) => ({ messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] });

/**
 * Prompts that chain the tools into a study: a concept test and a price-sensitivity check. They are
 * instructions for the assistant, which then calls the tools itself.
 *
 * @example
 *   registerPrompts(server); // prompts/get concept_test {concept, audience}
 */
export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    'concept_test',
    {
      title: 'Run a concept test',
      description: 'Create a panel, ask it about a concept, follow up, poll appeal, and summarize.',
      argsSchema: {
        concept: z.string().describe('The concept, in a sentence or two'),
        audience: z.string().describe('Who it is for, e.g. "nurses in Lagos who commute by bus"'),
        count: z.string().optional().describe('Panel size (default 8)'),
      },
    },
    ({ concept, audience, count }) =>
      user(
        [
          `Run a concept test with a synthetic Troupe panel for this concept: ${concept}`,
          `1. create_panel with count ${count ?? '8'} and description "${audience}".`,
          '2. ask_panel: "What is your first reaction to this concept, and why?" (quote the concept).',
          '3. follow_up in that thread with the two most sceptical personas: what would change their mind?',
          '4. poll likert "How likely would you be to try it?" with points 5, in the same thread.',
          '5. summarize the thread with focus "appeal, objections, and what to change".',
          'Report the findings with the poll chart, and say clearly that these are synthetic personas, not real respondents.',
        ].join('\n'),
      ),
  );
  server.registerPrompt(
    'price_sensitivity',
    {
      title: 'Price sensitivity',
      description: 'Ask a panel what it would pay, poll willingness to pay at price points, and summarize.',
      argsSchema: {
        product: z.string().describe('The product or service'),
        audience: z.string().describe('Who would buy it'),
        prices: z.string().describe('Price points to test, comma-separated, e.g. "5, 10, 20 USD a month"'),
      },
    },
    ({ product, audience, prices }) =>
      user(
        [
          `Check price sensitivity for: ${product}`,
          `1. create_panel with count 10 and description "${audience}" (or use an existing panel from list_panels).`,
          `2. ask_panel: "What would you expect to pay for ${product}, and what would make it worth more?"`,
          '3. poll number "What is the most you would pay per month?" with min 0 and a sensible max and unit.',
          `4. For each price point in ${prices}: poll yesno "Would you pay <price> for it?" in the same thread.`,
          '5. summarize with focus "willingness to pay and price objections".',
          'Present the share saying yes at each price as a small table with the charts, labelled as a synthetic panel.',
        ].join('\n'),
      ),
  );
}
