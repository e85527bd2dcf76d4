import type { CompletionRequest, CompletionResult, LanguageModel } from '../../../engine/llm/port.js';
import { countMessageTokens, countTokens } from '../../../engine/llm/tokens.js';

type Reply = unknown | ((request: CompletionRequest<unknown>) => unknown);

/**
 * A language model that answers each task from a script (a queue of replies, or a function),
 * validating every reply with the request's schema like a real provider adapter would.
 */
export class ScriptedModel implements LanguageModel {
  readonly name = 'scripted';
  readonly offline = true;
  readonly requests: CompletionRequest<unknown>[] = [];
  embed?: (texts: string[]) => Promise<number[][]>;

  constructor(private readonly script: Record<string, Reply[] | Reply>) {}

  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    this.requests.push(request as CompletionRequest<unknown>);
    const entry = this.script[request.task];
    if (!entry) throw new Error(`no script for ${request.task}`);
    let reply: Reply;
    if (Array.isArray(entry)) {
      if (entry.length === 0) throw new Error(`script for ${request.task} exhausted`);
      reply = entry.length > 1 ? entry.shift() : entry[0];
    } else reply = entry;
    const raw =
      typeof reply === 'function'
        ? (reply as (r: CompletionRequest<unknown>) => unknown)(request as CompletionRequest<unknown>)
        : reply;
    const value = request.schema.parse(raw);
    return {
      value,
      model: this.name,
      usage: {
        inputTokens: countMessageTokens(request.messages),
        outputTokens: countTokens(JSON.stringify(raw)),
        latencyMs: 0,
        cached: false,
      },
    };
  }

  /** Requests of one task. */
  calls(task: string): CompletionRequest<unknown>[] {
    return this.requests.filter((request) => request.task === task);
  }
}

/** An `agent.act` reply. */
export function turn(actions: { type: string; content?: string; target?: string }[], goals = 'answer well') {
  return {
    actions: actions.map((action) => ({ content: '', target: '', ...action })),
    cognitive_state: { goals, context: ['a test'], attention: 'the question', emotions: 'calm' },
  };
}
