export * from './ports.js';
export type * from './fork-rows.js';
export { forkWorldKey } from './fork-errors.js';
export { MemoryStore } from './memory-store.js';
export { createIdGenerator } from './ids.js';
export { toJson, fromJson, cloneJson, compact } from './json.js';
export { notFound, panelExists } from './store-errors.js';
export { summarizeUsageEntries, emptyUsageSummary } from './usage-summary.js';
