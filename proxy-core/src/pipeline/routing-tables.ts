import type { ProxyConfig } from '../config/proxy-config.js';
import type { Credential } from '../credentials/credential.js';
import { createFamilyResolver, type FamilyResolver } from './family-passthrough.js';
import { createModelMapper, type ModelMapper } from './model-mapping.js';

export interface RoutingTables {
  /** `model-mappings` and `model-chains`, compiled for this config version. */
  mapper(config: ProxyConfig): ModelMapper;
  /** Family pass-through for this credential set, or undefined when `model-passthrough` is off. */
  family(credentials: readonly Credential[], config: ProxyConfig): FamilyResolver | undefined;
}

/**
 * What routing derives from a config version or a credential set, compiled once and reused by every request
 * of that version (keyed weakly: a reload or credential change starts fresh; hot reload needs nothing more).
 */
export function createRoutingTables(): RoutingTables {
  const mappers = new WeakMap<ProxyConfig, ModelMapper>();
  const families = new WeakMap<readonly Credential[], FamilyResolver>();
  return {
    mapper(config) {
      let mapper = mappers.get(config);
      if (!mapper) mappers.set(config, (mapper = createModelMapper(config.modelMappings, config.modelChains)));
      return mapper;
    },
    family(credentials, config) {
      if (!config.modelPassthrough) return undefined;
      let resolver = families.get(credentials);
      if (!resolver) families.set(credentials, (resolver = createFamilyResolver(credentials, config)));
      return resolver;
    },
  };
}
