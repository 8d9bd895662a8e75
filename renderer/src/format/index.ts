export * from './format.js';
export * from './provider-names.js';
