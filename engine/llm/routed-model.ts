import { matchesTask } from './model-routes.js';
import type { CompletionRequest, CompletionResult, LanguageModel, ModelRoutes } from './port.js';

/**
 * Sends each call to the main model or to the small one by its task (`LLM_MODEL_SMALL`): the personas' own
 * turns on the main model, judges, consolidation, extraction chunks and compact-profile writing on the small
 * one. Its `name` stays the main model's; `routes` tells labels and estimates which model serves what.
 *
 * @example
 *   const model = new RoutedModel(main, small, SMALL_MODEL_TASKS);
 *   await model.complete({ task: 'correction.score', … }); // answered by `small`
 */
export class RoutedModel implements LanguageModel {
  readonly name: string;
  readonly offline: boolean;
  readonly embedStandIn?: LanguageModel['embedStandIn'];
  readonly routes: ModelRoutes;
  readonly embed?: (texts: string[], signal?: AbortSignal) => Promise<number[][]>;

  constructor(
    private readonly main: LanguageModel,
    private readonly small: LanguageModel,
    smallTasks: readonly string[],
  ) {
    this.name = main.name;
    this.offline = main.offline;
    if (main.embedStandIn) this.embedStandIn = main.embedStandIn;
    this.routes = { answers: main.name, small: small.name, smallTasks };
    if (main.embed) this.embed = main.embed.bind(main);
  }

  complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    const target = matchesTask(request.task, this.routes.smallTasks) ? this.small : this.main;
    return target.complete(request);
  }
}
