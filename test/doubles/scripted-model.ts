import type { CompletionRequest, CompletionResult, LanguageModel } from '../../engine/llm/port.js';
import { CancelledError, ModelBehaviorError } from '../../engine/errors.js';
import { countMessageTokens, countTokens } from '../../engine/llm/tokens.js';

/** An answer computed from the request and from how many calls of its task came before. */
export type ScriptedAnswer = (request: CompletionRequest<unknown>, callIndex: number) => unknown;
/** A scripted answer: a value (an object, usually) or a function. */
export type ScriptedReply = ScriptedAnswer | object | string | number | boolean | null;

export interface ScriptedModelOptions {
  /** Usage reported for every call (default: the tokens of the messages and of the answer). */
  usage?: { inputTokens: number; outputTokens: number };
  /** Milliseconds each call waits before answering (honouring the request's abort signal). */
  delayMs?: number;
}

/**
 * The one scripted model of the engine suites: answers each task from a script (a queue of replies — the last one
 * repeats —, a value, or a function), validates every answer with the request's schema like a real provider
 * adapter, and records every request. Engine tests use it to assert engine behaviour, never demo wording.
 *
 * @example
 *   const model = new ScriptedModel({ 'agent.act': [turn([{ type: 'TALK', content: 'Hi' }, { type: 'DONE' }])] });
 */
export class ScriptedModel implements LanguageModel {
  readonly name = 'scripted';
  readonly offline = true;
  readonly requests: CompletionRequest<unknown>[] = [];
  embed?: (texts: string[]) => Promise<number[][]>;

  constructor(
    private readonly script: Record<string, ScriptedReply[] | ScriptedReply>,
    private readonly options: ScriptedModelOptions = {},
  ) {}

  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    const callIndex = this.calls(request.task).length;
    this.requests.push(request as CompletionRequest<unknown>);
    if (this.options.delayMs) await abortableDelay(this.options.delayMs, request.signal);
    const entry = this.script[request.task];
    if (entry === undefined) throw new Error(`no script for task ${request.task}`);
    let reply: ScriptedReply;
    if (Array.isArray(entry)) {
      if (entry.length === 0) throw new Error(`script for ${request.task} exhausted`);
      reply = entry.length > 1 ? entry.shift() : entry[0];
    } else reply = entry;
    const raw =
      typeof reply === 'function' ? (reply as ScriptedAnswer)(request as CompletionRequest<unknown>, callIndex) : reply;
    const parsed = request.schema.safeParse(raw);
    // Like a real provider adapter after its repair attempt: output that fails the schema is the model's fault.
    if (!parsed.success)
      throw new ModelBehaviorError('scripted.invalid', `scripted answer for ${request.task} does not match its schema`);
    const value = parsed.data;
    const usage = this.options.usage ?? {
      inputTokens: countMessageTokens(request.messages),
      outputTokens: countTokens(JSON.stringify(raw)),
    };
    return { value, model: this.name, usage: { ...usage, latencyMs: 0, cached: false } };
  }

  /** Requests of one task. */
  calls(task: string): CompletionRequest<unknown>[] {
    return this.requests.filter((request) => request.task === task);
  }

  /** The prompt of every request of one task: its messages' contents joined by newlines. */
  prompts(task: string): string[] {
    return this.calls(task).map((request) => request.messages.map((message) => message.content).join('\n'));
  }

  /** The task of every request, in order. */
  tasks(): string[] {
    return this.requests.map((request) => request.task);
  }
}

/** An `agent.act` reply. */
export function turn(actions: { type: string; content?: string; target?: string }[], goals = 'answer well') {
  return {
    actions: actions.map((action) => ({ content: '', target: '', ...action })),
    cognitive_state: { goals, context: ['a test'], attention: 'the question', emotions: 'calm' },
  };
}

function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new CancelledError());
      },
      { once: true },
    );
  });
}
