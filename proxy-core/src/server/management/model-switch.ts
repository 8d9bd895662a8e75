/**
 * Switching one model off or on for every credential that serves it, as config.yaml edits: off appends the
 * model (as each entry names it) to that entry's `excluded-models`, or to `oauth-excluded-models.<provider>`
 * for subscription accounts; on removes exactly the glob-free entries that hide it, and nothing else.
 */
import type { Credential } from '../../credentials/credential.js';
import type { HiddenSource, ModelSource } from '../../pipeline/model-registry.js';
import { managementError } from './respond-management.js';
import type { ConfigChange } from './services.js';
import { parseDocumentValue } from './yaml-value.js';

export interface ModelSwitchPlan {
  changes: ConfigChange[];
  /** The exclusion lists touched, as dotted keys (`claude-api-key.0.excluded-models`, `oauth-excluded-models.claude`). */
  lists: string[];
}

const OAUTH_LIST = 'oauth-excluded-models';

type Path = Array<string | number>;

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

const same = (a: unknown, b: string) => typeof a === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Where a credential's switchable exclusions live in config.yaml, checked against the file. */
function listPath(document: Record<string, unknown>, credential: Credential): Path | undefined {
  if (credential.kind === 'oauth') {
    const lists = asRecord(document[OAUTH_LIST]) ?? {};
    // The config reads channel names case-insensitively (the last spelling wins); write where it reads.
    const written = Object.keys(lists).filter((key) => key.toLowerCase() === credential.provider.toLowerCase()).pop();
    return [OAUTH_LIST, written ?? credential.provider];
  }
  if (credential.source.type !== 'config') return undefined;
  const { yamlKey, index } = credential.source;
  if (yamlKey === 'generative-language-api-key') {
    throw managementError(409, `${credential.group} ${credential.label} is in the legacy generative-language-api-key list, which has no excluded-models, so its models cannot be switched there. Move the key under gemini-api-key and try again.`);
  }
  const entry = asRecord((document[yamlKey] as unknown[] | undefined)?.[index]);
  const matches = yamlKey === 'openai-compatibility' ? same(entry?.name, credential.group) : same(entry?.['api-key'], credential.secret);
  if (!matches) {
    throw managementError(
      409,
      `${credential.group} ${credential.label} is not at ${yamlKey}[${index}] in config.yaml any more (was the file edited?), so its models cannot be switched there. Reload the config and try again.`,
    );
  }
  return [yamlKey, index, 'excluded-models'];
}

function listAt(document: Record<string, unknown>, path: Path): unknown[] {
  let value: unknown = document;
  for (const segment of path) value = (value as Record<string | number, unknown> | undefined)?.[segment];
  return Array.isArray(value) ? value : [];
}

const dotted = (path: Path) => path.join('.');

/** Off: each serving credential's list gets the model's name, once per list, unless it names it already. */
export function planModelOff(configText: string, sources: readonly ModelSource[]): ModelSwitchPlan {
  const document = parseDocumentValue(configText);
  const targets = new Map<string, { path: Path; names: string[] }>();
  for (const { credential, name } of sources) {
    const path = listPath(document, credential);
    if (!path) continue;
    const target = targets.get(dotted(path)) ?? { path, names: [] };
    if (!target.names.some((existing) => same(existing, name))) target.names.push(name);
    targets.set(dotted(path), target);
  }
  const plan: ModelSwitchPlan = { changes: [], lists: [] };
  for (const [key, { path, names }] of targets) {
    const current = listAt(document, path);
    const added = names.filter((name) => !current.some((item) => same(item, name)));
    added.forEach((name, offset) => plan.changes.push({ path: [...path, current.length + offset], value: name }));
    if (added.length > 0) plan.lists.push(key);
  }
  return plan;
}

/**
 * On: the exact entries that hide the model are removed from each list (globs and other names stay). A list
 * left empty goes, and so does an `oauth-excluded-models` left without channels, so off-then-on gives back the
 * file as it was.
 */
export function planModelOn(configText: string, hidden: readonly HiddenSource[]): ModelSwitchPlan {
  const document = parseDocumentValue(configText);
  const targets = new Map<string, { path: Path; patterns: string[] }>();
  for (const { credential, patterns } of hidden) {
    const path = listPath(document, credential);
    if (!path) continue;
    const target = targets.get(dotted(path)) ?? { path, patterns: [] };
    target.patterns.push(...patterns);
    targets.set(dotted(path), target);
  }
  const plan: ModelSwitchPlan = { changes: [], lists: [] };
  const emptied = new Set<string>();
  for (const [key, { path, patterns }] of targets) {
    const current = listAt(document, path);
    const remove = current.flatMap((item, index) => (patterns.some((pattern) => same(item, pattern)) ? [index] : []));
    if (remove.length === 0) continue;
    plan.lists.push(key);
    if (remove.length === current.length) {
      if (path[0] === OAUTH_LIST) emptied.add(String(path[1]));
      else plan.changes.push({ path, value: undefined });
      continue;
    }
    for (const index of remove.reverse()) plan.changes.push({ path: [...path, index], value: undefined });
  }
  if (emptied.size > 0) {
    const channels = Object.keys(asRecord(document[OAUTH_LIST]) ?? {});
    if (channels.every((channel) => emptied.has(channel))) plan.changes.push({ path: [OAUTH_LIST], value: undefined });
    else for (const channel of emptied) plan.changes.push({ path: [OAUTH_LIST, channel], value: undefined });
  }
  return plan;
}
