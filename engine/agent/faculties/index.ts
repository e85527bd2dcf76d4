export * from './faculty.js';
export * from './recall.js';
export * from './grounding.js';
export * from './word-processor.js';
export * from './restore.js';
