export type * from './provider-definition.js';
export { createProviderRegistry } from './registry.js';
export { vertexRecordFromKey } from './vertex/index.js';
