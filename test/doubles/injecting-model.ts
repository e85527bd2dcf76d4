import type { CompletionRequest, CompletionResult, LanguageModel } from '../../engine/llm/port.js';

/**
 * A real model (usually the offline one) whose personas say what a hostile or careless model would: every
 * `TALK` of an `agent.act` answer is replaced by `say` (mentions, masked links, formulas…). Everything else
 * (prompts, other tasks, metering) is the wrapped model's, so a flow through an adapter shows what reaches
 * the channel and the exports when a model writes such text.
 *
 * @example
 *   const model = new InjectingModel(offlineModel(), '<!channel> =HYPERLINK("https://evil.example")');
 */
export class InjectingModel implements LanguageModel {
  readonly name: string;
  readonly offline: boolean;

  constructor(
    private readonly inner: LanguageModel,
    private readonly say: string,
  ) {
    this.name = inner.name;
    this.offline = inner.offline;
  }

  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    const result = await this.inner.complete(request);
    if (request.task !== 'agent.act') return result;
    const value = result.value as { actions: { type: string; content?: string }[] };
    const actions = value.actions.map((action) => (action.type === 'TALK' ? { ...action, content: this.say } : action));
    return { ...result, value: { ...value, actions } as T };
  }
}
