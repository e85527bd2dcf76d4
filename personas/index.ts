export * from './fragments.js';
export * from './loader.js';
export * from './library.js';
