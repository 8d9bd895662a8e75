import { z } from 'zod';
import { configFileSchema } from '../../config/schema.js';
import { sendJson } from '../respond.js';
import type { Router } from '../router.js';
import { MANAGEMENT_BASE } from './contract.js';
import { managed, managementError, readManagementBody } from './respond-management.js';
import type { ManagementServices } from './services.js';
import { parseDocumentValue } from './yaml-value.js';

/**
 * CLIProxyAPI's per-setting routes (inventory-server.md §1.7; reference internal/api/handlers/management/
 * config_basic.go and handler.go updateBoolField/updateIntField/updateStringField): GET answers `{"<key>": value}`,
 * PUT and PATCH take `{"value": X}` and answer `{"status":"ok"}`. Writes go through the serialised config writer.
 */
const SCALARS: ReadonlyArray<{ route: string; path: string[]; type: 'bool' | 'int' | 'string'; fallback: unknown }> = [
  { route: 'debug', path: ['debug'], type: 'bool', fallback: false },
  { route: 'logging-to-file', path: ['logging-to-file'], type: 'bool', fallback: false },
  { route: 'logs-max-total-size-mb', path: ['logs-max-total-size-mb'], type: 'int', fallback: 0 },
  { route: 'error-logs-max-files', path: ['error-logs-max-files'], type: 'int', fallback: 10 },
  { route: 'usage-statistics-enabled', path: ['usage-statistics-enabled'], type: 'bool', fallback: true },
  { route: 'proxy-url', path: ['proxy-url'], type: 'string', fallback: '' },
  { route: 'request-log', path: ['request-log'], type: 'bool', fallback: false },
  { route: 'ws-auth', path: ['ws-auth'], type: 'bool', fallback: false },
  { route: 'request-retry', path: ['request-retry'], type: 'int', fallback: 0 },
  { route: 'max-retry-credentials', path: ['max-retry-credentials'], type: 'int', fallback: 0 },
  { route: 'max-retry-interval', path: ['max-retry-interval'], type: 'int', fallback: 0 },
  { route: 'force-model-prefix', path: ['force-model-prefix'], type: 'bool', fallback: false },
  { route: 'quota-exceeded/switch-project', path: ['quota-exceeded', 'switch-project'], type: 'bool', fallback: false },
  { route: 'quota-exceeded/switch-preview-model', path: ['quota-exceeded', 'switch-preview-model'], type: 'bool', fallback: false },
];

const VALUE_SCHEMAS = {
  bool: z.object({ value: z.boolean() }),
  int: z.object({ value: z.number().int() }),
  string: z.object({ value: z.string() }),
} as const;

const STRATEGIES: Record<string, string> = { '': 'round-robin', 'round-robin': 'round-robin', roundrobin: 'round-robin', rr: 'round-robin', 'fill-first': 'fill-first', fillfirst: 'fill-first', ff: 'fill-first', 'weighted-round-robin': 'weighted-round-robin', weightedroundrobin: 'weighted-round-robin', wrr: 'weighted-round-robin' };

/** The reference's channel names for our provider ids. */
const CHANNEL_ALIASES: Record<string, string> = { anthropic: 'claude', 'gemini-interactions': 'gemini' };

/** Keys CLIProxyAPI leaves out of `GET /config` (json:"-" in its config struct). */
const HIDDEN_FROM_CONFIG = new Set(['host', 'port', 'auth-dir', 'remote-management']);

/** A value at a dotted path of the file, or undefined. */
function valueAt(file: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = file;
  for (const segment of path) value = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[segment] : undefined;
  return value;
}

export function registerReferenceSettingRoutes(router: Router, services: ManagementServices): void {
  const base = MANAGEMENT_BASE;
  const fileObject = () => parseDocumentValue(services.config.text());
  const write = async (path: Array<string | number>, value: unknown) => ({ status: 'ok', ...(await services.config.update([{ path, value }])) });

  // GET /config as the reference answers it: the settings at the top level, real values (the caller holds the key).
  router.add('GET', `${base}/config`, managed(services, ({ res }) => {
    const defaults = configFileSchema.parse({}) as Record<string, unknown>;
    const file = fileObject();
    const scalars = Object.fromEntries(SCALARS.filter((scalar) => scalar.path.length === 1).map((scalar) => [scalar.path[0], defaults[scalar.path[0]] ?? scalar.fallback]));
    const merged: Record<string, unknown> = { ...scalars, 'quota-exceeded': defaults['quota-exceeded'], routing: { strategy: 'round-robin' }, ...file };
    merged['api-keys'] = services.runtime.current().config.apiKeys;
    for (const key of HIDDEN_FROM_CONFIG) delete merged[key];
    sendJson(res, 200, merged);
  }));

  for (const scalar of SCALARS) {
    const name = scalar.path.at(-1)!;
    router.add('GET', `${base}/${scalar.route}`, managed(services, ({ res }) => {
      const defaults = configFileSchema.parse({}) as Record<string, unknown>;
      sendJson(res, 200, { [name]: valueAt(fileObject(), scalar.path) ?? valueAt(defaults, scalar.path) ?? scalar.fallback });
    }));
    const put = managed(services, async (context) => {
      const body = await readManagementBody(context, VALUE_SCHEMAS[scalar.type]);
      sendJson(context.res, 200, await write(scalar.path, body.value));
    });
    router.add('PUT', `${base}/${scalar.route}`, put);
    router.add('PATCH', `${base}/${scalar.route}`, put);
  }
  router.add('DELETE', `${base}/proxy-url`, managed(services, async ({ res }) => sendJson(res, 200, await write(['proxy-url'], undefined))));

  router.add('GET', `${base}/routing/strategy`, managed(services, ({ res }) => {
    const raw = String(valueAt(fileObject(), ['routing', 'strategy']) ?? '').trim();
    sendJson(res, 200, { strategy: STRATEGIES[raw.toLowerCase()] ?? raw });
  }));
  const putStrategy = managed(services, async (context) => {
    const body = await readManagementBody(context, VALUE_SCHEMAS.string);
    const strategy = STRATEGIES[body.value.trim().toLowerCase()];
    if (!strategy) throw managementError(400, 'invalid strategy: value must be round-robin (rr), fill-first (ff) or weighted-round-robin (wrr).');
    sendJson(context.res, 200, await write(['routing', 'strategy'], strategy));
  });
  router.add('PUT', `${base}/routing/strategy`, putStrategy);
  router.add('PATCH', `${base}/routing/strategy`, putStrategy);

  registerChannelMaps(router, services, write, fileObject);

  // Clears every cooldown and quota mark (reference: POST /reset-quota).
  router.add('POST', `${base}/reset-quota`, managed(services, ({ res }) => {
    let cleared = 0;
    for (const credential of services.runtime.current().credentials) cleared += services.runtime.cooldowns.clear(credential.id);
    sendJson(res, 200, { status: 'ok', cleared });
  }));

  // The models a channel serves when a credential lists none (reference model_definitions.go); only channels this
  // proxy has a provider for (claude, gemini, gemini-cli, codex, antigravity, and any added later).
  router.add('GET', `${base}/model-definitions/:channel`, managed(services, ({ res, params }) => {
    const channel = decodeURIComponent(params.channel).trim().toLowerCase();
    const provider = services.runtime.providers.get(CHANNEL_ALIASES[channel] ?? channel);
    if (!provider || provider.catalog.length === 0) {
      sendJson(res, 400, { error: 'unknown channel', channel, message: `Known channels: ${[...services.runtime.providers.values()].filter((entry) => entry.catalog.length > 0).map((entry) => entry.id).join(', ')}.` });
      return;
    }
    const models = provider.catalog.map((model) => ({ id: model.id, object: 'model', created: model.created ?? 0, owned_by: provider.id, type: channel, ...(model.displayName ? { display_name: model.displayName } : {}) }));
    sendJson(res, 200, { channel, models });
  }));

  // No plugin host here: an empty list, and `X-CPA-SUPPORT-PLUGIN: false` on every management answer.
  router.add('GET', `${base}/plugins`, managed(services, ({ res }) => sendJson(res, 200, { plugins: [] })));
  router.add('GET', `${base}/plugin-store`, managed(services, ({ res }) => sendJson(res, 200, { plugins: [], sources: [] })));
}

type Write = (path: Array<string | number>, value: unknown) => Promise<Record<string, unknown>>;

const aliasSchema = z.array(z.object({ name: z.string().trim().min(1), alias: z.string().trim().min(1), fork: z.boolean().optional() }));

/** `/oauth-excluded-models` and `/oauth-model-alias`: per-channel maps (reference config_lists.go). */
function registerChannelMaps(router: Router, services: ManagementServices, write: Write, fileObject: () => Record<string, unknown>): void {
  const base = MANAGEMENT_BASE;
  const mapOf = (key: string): Record<string, unknown> => {
    const value = fileObject()[key];
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  };
  const maps = [
    { key: 'oauth-excluded-models', entry: z.array(z.string()), patch: z.object({ provider: z.string().trim().min(1), models: z.array(z.string()) }).transform((body) => ({ channel: body.provider, list: body.models })), query: 'provider' },
    {
      key: 'oauth-model-alias',
      entry: aliasSchema,
      patch: z.object({ channel: z.string().trim().min(1).optional(), provider: z.string().trim().min(1).optional(), aliases: aliasSchema })
        .refine((body) => body.channel ?? body.provider, { message: 'give "channel" (or "provider")', path: ['channel'] })
        .transform((body) => ({ channel: (body.channel ?? body.provider)!, list: body.aliases })),
      query: 'channel',
    },
  ] as const;
  for (const map of maps) {
    const whole = z.union([z.object({ items: z.record(z.string(), map.entry) }).transform((body) => body.items), z.record(z.string(), map.entry)]);
    router.add('GET', `${base}/${map.key}`, managed(services, ({ res }) => sendJson(res, 200, { [map.key]: mapOf(map.key) })));
    router.add('PUT', `${base}/${map.key}`, managed(services, async (context) => {
      const body = await readManagementBody(context, whole);
      sendJson(context.res, 200, await write([map.key], body));
    }));
    router.add('PATCH', `${base}/${map.key}`, managed(services, async (context) => {
      const body = (await readManagementBody(context, map.patch)) as { channel: string; list: unknown[] };
      const channel = body.channel.trim().toLowerCase();
      sendJson(context.res, 200, await write([map.key, channel], body.list.length === 0 ? undefined : body.list));
    }));
    router.add('DELETE', `${base}/${map.key}`, managed(services, async ({ res, url }) => {
      const channel = (url.searchParams.get(map.query) ?? url.searchParams.get('provider') ?? '').trim().toLowerCase();
      if (!channel) throw managementError(400, `Pass the channel to remove as ?${map.query}=<name>.`);
      if (!(channel in mapOf(map.key))) throw managementError(404, `No ${map.key} entry for "${channel}".`);
      sendJson(res, 200, await write([map.key, channel], undefined));
    }));
  }
}
