import type { CompletionRequest, CompletionResult, LanguageModel } from '../../../engine/llm/port.js';
import { type ProviderFailure, providerError } from '../../../engine/llm/provider-errors.js';

/**
 * Wraps a real model and fails the turns of chosen personas (as a provider would after the
 * retries: a timeout, a rate limit), so a test can see how the rest of the job copes.
 */
export class FailingTurnsModel implements LanguageModel {
  readonly name: string;
  readonly offline: boolean;
  /** Persona name → the failure its `agent.act` calls get; edit it between commands. */
  readonly failing = new Map<string, ProviderFailure>();
  /** Every task name whose calls all fail (e.g. `poll.answer`). */
  readonly failingTasks = new Map<string, ProviderFailure>();
  /** Task name → how many of its calls succeed before every later one fails (a provider going down). */
  readonly failAfter = new Map<string, { calls: number; failure: ProviderFailure }>();
  private readonly counts = new Map<string, number>();

  constructor(private readonly inner: LanguageModel) {
    this.name = inner.name;
    this.offline = inner.offline;
  }

  complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    const seen = (this.counts.get(request.task) ?? 0) + 1;
    this.counts.set(request.task, seen);
    const after = this.failAfter.get(request.task);
    if (after && seen > after.calls)
      return Promise.reject(providerError(after.failure, `${after.failure} (test provider)`));
    const persona = (request.hints as { persona?: { name?: string } } | undefined)?.persona?.name;
    const failure =
      this.failingTasks.get(request.task) ??
      (request.task === 'agent.act' && persona ? this.failing.get(persona) : undefined);
    if (failure) return Promise.reject(providerError(failure, `${failure} (test provider)`));
    return this.inner.complete(request);
  }
}
