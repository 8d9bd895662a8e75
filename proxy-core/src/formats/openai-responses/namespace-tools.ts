import { createHash } from 'node:crypto';

/**
 * Responses `namespace` tools (Codex CLI sends `multi_agent_v1` as one) group function tools; calls name
 * the tool and its `namespace`. Other formats know only flat names, so a namespaced tool is flattened to
 * `<namespace>__<tool>` (at most 64 characters: longer names keep a short hash) and a call's flat name
 * is split back for Responses clients.
 */
const SEPARATOR = '__';
const MAX_LENGTH = 64;

/** The namespace every un-namespaced tool lives in (`functions.exec`): its tools keep their plain names. */
export const DEFAULT_NAMESPACE = 'functions';

/** The flat name of a call or tool that may name a namespace (none, or the default one: the plain name). */
export function callToolName(namespace: string | null | undefined, name: string): string {
  return namespace && namespace !== DEFAULT_NAMESPACE ? flatToolName(namespace, name) : name;
}

export function flatToolName(namespace: string, name: string): string {
  const flat = `${namespace}${SEPARATOR}${name}`;
  if (flat.length <= MAX_LENGTH) return flat;
  const hash = createHash('sha256').update(flat).digest('hex').slice(0, 8);
  return `${flat.slice(0, MAX_LENGTH - 9)}_${hash}`;
}

export interface NamespacedName {
  namespace?: string;
  name: string;
}

/** The namespace and tool name behind a flat name, using the namespaced tools the client declared. */
export function splitToolName(flat: string, declared: ReadonlyMap<string, NamespacedName>): NamespacedName {
  return declared.get(flat) ?? { name: flat };
}
