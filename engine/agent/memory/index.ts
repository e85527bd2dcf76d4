export * from './episodic.js';
export * from './semantic.js';
export * from './bm25.js';
export * from './consolidation.js';
export * from './memory-steps.js';
export * from './options.js';
