import type { CompletionRequest, CompletionResult, LanguageModel } from '../llm/port.js';

/** Wraps a model to count the calls one factory run makes (by task), without changing them. */
export class CallCounter implements LanguageModel {
  readonly byTask: Record<string, number> = {};
  total = 0;

  constructor(private readonly inner: LanguageModel) {}

  get name(): string {
    return this.inner.name;
  }

  get offline(): boolean {
    return this.inner.offline;
  }

  complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    this.total += 1;
    this.byTask[request.task] = (this.byTask[request.task] ?? 0) + 1;
    return this.inner.complete(request);
  }
}
