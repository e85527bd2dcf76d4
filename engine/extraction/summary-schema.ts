import { z } from 'zod';

export const QuoteSchema = z.object({
  persona: z.string().min(1).describe('exact persona name from the transcript'),
  text: z.string().min(1).describe('verbatim words the persona said'),
});

/** The ready-made focus-group summary. */
export const FocusGroupSummarySchema = z.object({
  overview: z.string(),
  themes: z.array(
    z.object({
      theme: z.string().min(1),
      description: z.string(),
      quotes: z.array(QuoteSchema).describe('verbatim supporting quotes'),
    }),
  ),
  agreements: z.array(z.string()),
  disagreements: z.array(z.string()),
  surprises: z.array(z.string()),
  objections: z.array(z.object({ persona: z.string(), objection: z.string() })),
  recommendations: z.array(z.string()),
});
export type FocusGroupSummary = z.infer<typeof FocusGroupSummarySchema>;

/** The ready-made consolidated idea list of a brainstorm. */
export const IdeaListSchema = z.object({
  ideas: z.array(
    z.object({
      name: z.string().min(1),
      description: z.string(),
      proposedBy: z.string().describe('persona who first proposed it'),
      supportCount: z.number().int().min(0).describe('how many personas spoke in favour, proposer included'),
    }),
  ),
});
export type IdeaList = z.infer<typeof IdeaListSchema>;
