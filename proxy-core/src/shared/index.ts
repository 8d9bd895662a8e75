export * from './cancellation.js';
export * from './clock.js';
export * from './errors.js';
export * from './glob.js';
export * from './ids.js';
export * from './mask.js';
export * from './network.js';
export * from './forbidden-keys.js';
