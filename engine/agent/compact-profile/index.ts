export * from './extractive-profile.js';
export * from './profile-facts.js';
export * from './profile-prompt.js';
export * from './tasks.js';
export * from './write-profile.js';
