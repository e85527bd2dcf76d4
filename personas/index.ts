export * from './fragments.js';
export * from './loader.js';
export * from './library.js';
export * from './demography.js';
export * from './json-limits.js';
export * from './python-json.js';
export * from './uploads.js';
export * from './tinytroupe-export.js';
