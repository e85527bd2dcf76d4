/**
 * The package entry of `troupe` as a library: the whole engine (see `engine/index.ts`) plus the offline demo
 * model, so code runs with no key and no network and switches to any OpenAI-compatible endpoint by option.
 *
 * @example
 *   import { TinyPerson, TinyWorld, TinyPersonFactory, createOfflineModel } from 'troupe';
 *   const model = createOfflineModel();
 */
export * from './engine/index.js';
export { createOfflineModel, OFFLINE_MODEL_NAME, OfflineModel } from './engine/llm/offline/index.js';
export type { OfflineResponder, OfflineResponders } from './engine/llm/offline/index.js';
