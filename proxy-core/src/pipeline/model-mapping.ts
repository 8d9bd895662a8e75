import type { ModelChain, ModelMapping } from '../config/proxy-config.js';

/** The rule that rewrote a requested model, as logs and usage name it. */
export interface AppliedMapping {
  /** 1-based position in `model-mappings`. */
  position: number;
  from: string;
  to: string;
}

export interface ModelMapper {
  /** The first rule that matches `model` for this client key, or undefined. */
  map(model: string, clientKey: string): AppliedMapping | undefined;
  /** The chain named `model` (case-insensitive), or undefined. */
  chain(model: string): ModelChain | undefined;
}

/** `*` (any run) and `?` (one character) wildcards; everything else literal; case-insensitive. */
function globToRegExp(pattern: string): RegExp {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i');
}

/**
 * Compiles `model-mappings` and `model-chains` once per config version. Rules are tried in order and the first
 * that matches wins: an exact id, a glob (`*`, `?`) or, with `regex: true`, a regular expression searched in the
 * id (anchor it with `^…$` for a whole-id match), all case-insensitive. A rule with `client-keys` applies only to
 * requests made with one of those keys.
 */
export function createModelMapper(rules: readonly ModelMapping[], chains: readonly ModelChain[]): ModelMapper {
  const compiled = rules.map((rule) => {
    const lowered = rule.from.toLowerCase();
    const test: (model: string) => boolean = rule.regex
      ? ((regex) => (model: string) => regex.test(model))(new RegExp(rule.from, 'i'))
      : /[*?]/.test(rule.from)
        ? ((regex) => (model: string) => regex.test(model))(globToRegExp(rule.from))
        : (model: string) => model.toLowerCase() === lowered;
    return { rule, test, keys: rule.clientKeys.length > 0 ? new Set(rule.clientKeys) : undefined };
  });
  const byName = new Map(chains.map((chain) => [chain.name.toLowerCase(), chain]));
  return {
    map(model, clientKey) {
      for (const { rule, test, keys } of compiled) {
        if (keys && !keys.has(clientKey)) continue;
        if (test(model)) return { position: rule.position, from: rule.from, to: rule.to };
      }
      return undefined;
    },
    chain: (model) => (byName.size === 0 ? undefined : byName.get(model.toLowerCase())),
  };
}
