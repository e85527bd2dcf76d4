export * from './actions.js';
export * from './assemble.js';
export * from './cognitive-state.js';
export * from './directives.js';
export * from './introduction.js';
export * from './memory.js';
export * from './persona.js';
