/**
 * The engine's public API, for using Troupe's simulation from code (`import { TinyPerson } from 'troupe'`):
 * personas, worlds, the factory, steering, validation, extraction, statistics, experiments, the model port with
 * its OpenAI-compatible implementation and decorators, and the store ports. The package entry (`index.ts` at the
 * root) adds the offline demo model.
 *
 * @example
 *   const person = new TinyPerson({ spec, model });
 *   const world = new TinyWorld({ name: 'focus group', agents: [person] });
 */
export * from './agent/index.js';
export * from './errors.js';
export * from './experiments/index.js';
export * from './extraction/index.js';
export * from './factory/index.js';
export * from './llm/index.js';
export { createLanguageModel, type LlmSettings, type ModelDependencies } from './llm/create-model.js';
export * from './stats/index.js';
export * from './steering/index.js';
export * from './store/index.js';
export * from './validation/index.js';
export * from './world/index.js';
// Two areas export these names; the library exposes one of each (the other keeps its own module path).
export type { Artifact } from './agent/index.js';
export type { Artifact as ExportArtifact } from './extraction/index.js';
export { effectiveSampleSize } from './stats/index.js';
