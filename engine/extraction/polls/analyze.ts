import { UserInputError } from '../../errors.js';
import type { PersonaSpec } from '../../agent/persona-spec.js';
import type { CallAttribution, LanguageModel } from '../../llm/port.js';
import { Normalizer, type AnswerCategory } from '../normalizer.js';
import type { PollRun } from './ask.js';
import { aggregateRun, type PollResults } from './aggregate.js';
import { breakdownPoll, type Breakdown, type Dimension } from './breakdown.js';

/** Everything shown for a poll: the aggregate, an optional breakdown and open-ended categories. */
export interface PollAnalysis {
  results: PollResults;
  breakdown?: Breakdown;
  /** Open-ended only: the categories and each persona's category. */
  categories?: AnswerCategory[];
  openCategories?: Record<string, string>;
}

/** Options for `analyzePoll`. */
export interface AnalyzePollOptions {
  /** Needed for open-ended polls (answers are normalised into categories). */
  model?: LanguageModel;
  /** Persona specs by id, needed for a breakdown. */
  specs?: ReadonlyMap<string, PersonaSpec> | Record<string, PersonaSpec>;
  breakdownBy?: Dimension;
  signal?: AbortSignal;
  attribution?: CallAttribution;
}

/**
 * Aggregates a poll run; open-ended answers are first normalised into the poll's number of categories.
 *
 * @example
 *   const { results, breakdown } = await analyzePoll(run, { specs, breakdownBy: 'age-band' });
 */
export async function analyzePoll(run: PollRun, options: AnalyzePollOptions = {}): Promise<PollAnalysis> {
  let categories: AnswerCategory[] | undefined;
  let openCategories: Record<string, string> | undefined;
  if (run.poll.kind === 'open-ended') {
    if (!options.model)
      throw new UserInputError(
        'poll.model_needed',
        'Open-ended polls need a model to group the answers into categories.',
        'analyzePoll(run, { model })',
      );
    const normalized = await new Normalizer({ model: options.model }).normalize({
      answers: run.answers.map((answer) => ({ id: answer.personaId, text: String(answer.value) })),
      categories: run.poll.categories,
      question: run.poll.question,
      signal: options.signal,
      attribution: options.attribution,
    });
    categories = normalized.categories;
    openCategories = Object.fromEntries(
      normalized.assignments.map((assignment) => [assignment.id, assignment.category]),
    );
  }
  const openCategoryNames = categories?.map((category) => category.name);
  const results = aggregateRun(run, { openCategories, openCategoryNames });
  let breakdown: Breakdown | undefined;
  if (options.breakdownBy) {
    if (!options.specs)
      throw new UserInputError(
        'poll.specs_needed',
        'A breakdown needs the persona specs.',
        "analyzePoll(run, { specs, breakdownBy: 'age-band' })",
      );
    breakdown = breakdownPoll(run.poll, run.answers, options.specs, options.breakdownBy, {
      weights: run.weights,
      openCategories,
      openCategoryNames,
    });
  }
  return { results, breakdown, categories, openCategories };
}
