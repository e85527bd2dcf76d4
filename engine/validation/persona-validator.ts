import { z } from 'zod';
import type { ActingAgent } from '../agent/agent-port.js';
import { UserInputError, throwIfAborted } from '../errors.js';
import type { CallAttribution, LanguageModel } from '../llm/port.js';
import { type InterviewRound, renderExaminerMessages, renderVerdictMessages } from './validator-prompts.js';

/** Structured output of `validator.question`: the next question, or the verdict. */
export const ExaminerTurnSchema = z.object({
  kind: z.enum(['question', 'verdict']),
  question: z.string(),
  score: z.number().min(0).max(1),
  justification: z.string(),
});
/** Structured output of `validator.verdict`. */
export const VerdictSchema = z.object({ score: z.number().min(0).max(1), justification: z.string() });

/** The outcome of a validation interview. */
export interface ValidationResult {
  /** 0 (no match) .. 1 (perfect match). */
  score: number;
  justification: string;
  rounds: InterviewRound[];
  /** False when the examiner never concluded and the verdict was asked for after the last round. */
  concludedByExaminer: boolean;
}

/** Options of the validator. */
export interface PersonValidatorOptions {
  model: LanguageModel;
  /** Question limit (default 10, like TinyTroupe). */
  maxRounds?: number;
  /** Thread key the interview is stamped with in the persona's memory (default `validation`). */
  threadKey?: string;
  attribution?: CallAttribution;
}

/**
 * Interviews a persona with an LLM examiner and scores how well it matches expectations (or, without
 * expectations, its own spec). The persona answers through its normal `listen` + `act`, so the
 * interview lands in its memory like any conversation.
 *
 * @example
 *   const validator = new TinyPersonValidator({ model });
 *   const { score, justification } = await validator.validate(lisa, 'A data scientist who loves AI and dislikes small talk.');
 */
export class TinyPersonValidator {
  private readonly maxRounds: number;

  constructor(private readonly options: PersonValidatorOptions) {
    this.maxRounds = options.maxRounds ?? 10;
    if (!Number.isInteger(this.maxRounds) || this.maxRounds < 1) {
      throw new UserInputError(
        'validator.bad_rounds',
        `maxRounds must be a whole number ≥ 1, got ${options.maxRounds}.`,
        'new TinyPersonValidator({ model, maxRounds: 10 })',
      );
    }
  }

  async validate(person: ActingAgent, expectations?: string, signal?: AbortSignal): Promise<ValidationResult> {
    const rounds: InterviewRound[] = [];
    const expected = expectations?.trim() || undefined;
    while (rounds.length < this.maxRounds) {
      throwIfAborted(signal);
      const { value: turn } = await this.options.model.complete({
        task: 'validator.question',
        messages: renderExaminerMessages(person, expected, rounds, this.maxRounds),
        schema: ExaminerTurnSchema,
        temperature: 0.3,
        signal,
        attribution: this.options.attribution,
        hints: { persona: person.spec, expectations: expected, rounds, maxRounds: this.maxRounds },
      });
      if (turn.kind === 'verdict' || !turn.question.trim()) {
        return { score: turn.score, justification: turn.justification, rounds, concludedByExaminer: true };
      }
      rounds.push({ question: turn.question, answer: await this.ask(person, turn.question, signal) });
    }
    throwIfAborted(signal);
    const { value } = await this.options.model.complete({
      task: 'validator.verdict',
      messages: renderVerdictMessages(person, expected, rounds),
      schema: VerdictSchema,
      temperature: 0,
      signal,
      attribution: this.options.attribution,
      hints: { persona: person.spec, expectations: expected, rounds },
    });
    return { ...value, rounds, concludedByExaminer: false };
  }

  private async ask(person: ActingAgent, question: string, signal?: AbortSignal): Promise<string> {
    const threadKey = this.options.threadKey ?? 'validation';
    person.listen(question, 'examiner', threadKey);
    const actions = await person.act({ signal, threadKey });
    const talk = actions.filter((a) => a.type === 'TALK').map((a) => a.content);
    // A persona that only thinks still reveals itself; better than recording an empty answer.
    const answer = talk.length ? talk : actions.filter((a) => a.content).map((a) => `(${a.type}) ${a.content}`);
    return answer.join('\n') || '(no answer)';
  }
}
