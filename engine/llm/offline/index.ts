/**
 * The offline demo model: a deterministic `LanguageModel` that answers every engine task with canned,
 * persona-aware text, so `npm start` works with no key and no network. It is a model implementation like
 * `OpenAICompatibleModel`, chosen in the composition root; no engine module imports it.
 *
 * @example
 *   const model = createOfflineModel();
 */
import { allOfflineResponders } from './all-responders.js';
import { OfflineModel } from './offline-model.js';

export { OFFLINE_MODEL_NAME, OfflineModel, type OfflineResponder, type OfflineResponders } from './offline-model.js';
export { agentOfflineResponders } from './agent/index.js';
export { extractionOfflineResponders } from './extraction/index.js';
export { factoryOfflineResponders } from './factory/index.js';
export { steeringOfflineResponders } from './steering/responders.js';
export { validationOfflineResponders } from './validation/responders.js';

/**
 * The demo model with every area's responders: what `npm start` runs on without a key.
 *
 * @example
 *   const model = createOfflineModel({ seed: 7 });
 */
export function createOfflineModel(options: { seed?: number; lexicalEmbeddings?: boolean } = {}): OfflineModel {
  return new OfflineModel({
    responders: allOfflineResponders(),
    seed: options.seed,
    lexicalEmbeddings: options.lexicalEmbeddings,
  });
}
