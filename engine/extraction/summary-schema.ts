import { z } from 'zod';
import { nameSet } from '../util/closed-sets.js';

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

/**
 * `FocusGroupSummarySchema` as sent to the provider when the speakers are known: every persona name (a
 * quote's, an objection's) is an enum of the transcript's speakers, so structured output cannot attribute
 * words to someone who was not there. Validation keeps the lenient schema (a first name is resolved).
 *
 * @example model.complete({ schema: FocusGroupSummarySchema, providerSchema: focusGroupSummarySchemaFor(['Maya Chen']), … })
 */
export function focusGroupSummarySchemaFor(speakers: readonly string[]): z.ZodType {
  const persona = nameSet(speakers);
  return FocusGroupSummarySchema.extend({
    themes: z.array(
      z.object({
        theme: z.string().min(1),
        description: z.string(),
        quotes: z.array(QuoteSchema.extend({ persona })).describe('verbatim supporting quotes'),
      }),
    ),
    objections: z.array(z.object({ persona, objection: z.string() })),
  });
}

/** `IdeaListSchema` as sent to the provider: `proposedBy` is an enum of the transcript's speakers. */
export function ideaListSchemaFor(speakers: readonly string[]): z.ZodType {
  return z.object({
    ideas: z.array(IdeaListSchema.shape.ideas.element.extend({ proposedBy: nameSet(speakers) })),
  });
}
