import type { CompletionRequest, CompletionResult, LanguageModel } from '../../engine/llm/port.js';

/** One call the wrapped model answered (i.e. one the cache in front of it did not). */
export interface RecordedCall {
  task: string;
  /** The value returned, serialized. */
  value: string;
}

/**
 * Wraps a model and keeps every request, so a test can read exactly what was sent, and every answered call, so a
 * test or bench can count what reached the model.
 */
export class RecordingModel implements LanguageModel {
  readonly requests: CompletionRequest<unknown>[] = [];
  readonly calls: RecordedCall[] = [];
  readonly name: string;
  readonly offline: boolean;
  /** Runs (and is awaited) before a request goes to the model, e.g. to change the store mid-job. */
  beforeCall?: (request: CompletionRequest<unknown>) => Promise<void>;

  constructor(private readonly inner: LanguageModel) {
    this.name = inner.name;
    this.offline = inner.offline;
  }

  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    this.requests.push(request as CompletionRequest<unknown>);
    await this.beforeCall?.(request as CompletionRequest<unknown>);
    const result = await this.inner.complete(request);
    this.calls.push({ task: request.task, value: JSON.stringify(result.value) });
    return result;
  }

  /** Everything sent to the model since `from` (an index into `requests`), as one string. */
  promptsSince(from: number): string {
    return JSON.stringify(this.requests.slice(from).map((request) => request.messages));
  }
}
