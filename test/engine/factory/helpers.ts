import { OfflineModel } from '../../../engine/llm/offline/offline-model.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from '../../../engine/llm/port.js';
import { factoryOfflineResponders } from '../../../engine/llm/offline/index.js';

/** Per-task override: return a value (validated by the request's schema) or throw; undefined → offline answer. */
export type Script = (request: CompletionRequest<unknown>, call: number) => unknown;

/** The offline factory model with scripted tasks, a call log and an optional delay per call. */
export class ScriptedModel implements LanguageModel {
  readonly name = 'scripted';
  readonly offline = true;
  readonly log: { task: string; prompt: string }[] = [];
  private readonly inner = new OfflineModel({ responders: factoryOfflineResponders });
  private readonly counts: Record<string, number> = {};

  constructor(
    private readonly scripts: Record<string, Script> = {},
    private readonly delayMs = 0,
  ) {}

  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    const call = (this.counts[request.task] ?? 0) + 1;
    this.counts[request.task] = call;
    this.log.push({ task: request.task, prompt: request.messages.map((m) => m.content).join('\n') });
    if (this.delayMs) await sleep(this.delayMs, request.signal);
    const scripted = this.scripts[request.task]?.(request as CompletionRequest<unknown>, call);
    if (scripted !== undefined)
      return {
        value: request.schema.parse(scripted),
        model: this.name,
        usage: { inputTokens: 0, outputTokens: 0, latencyMs: 0, cached: false },
      };
    return this.inner.complete(request);
  }

  calls(task?: string): number {
    return task ? this.log.filter((entry) => entry.task === task).length : this.log.length;
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new Error('aborted'));
      },
      { once: true },
    );
  });
}
