export type * from './provider-definition.js';
export { createProviderRegistry } from './registry.js';
