import type { CompletionRequest, CompletionResult, LanguageModel } from '../../engine/llm/port.js';

/** One call that reached the wrapped model. */
export interface CountedCall {
  task: string;
  /** The value returned, serialized. */
  value: string;
}

/** Wraps a model and records every call that reaches it (i.e. every call the cache did not answer). */
export class CountingModel implements LanguageModel {
  readonly calls: CountedCall[] = [];
  readonly name: string;
  readonly offline: boolean;

  constructor(private readonly inner: LanguageModel) {
    this.name = inner.name;
    this.offline = inner.offline;
  }

  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    const result = await this.inner.complete(request);
    this.calls.push({ task: request.task, value: JSON.stringify(result.value) });
    return result;
  }
}
