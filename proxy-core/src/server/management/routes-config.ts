import { maskSecret } from '../../shared/mask.js';
import { readRequestBody } from '../read-body.js';
import { sendJson } from '../respond.js';
import type { Router } from '../router.js';
import {
  apiKeyPatchSchema,
  configPatchSchema,
  MANAGEMENT_BASE,
  providerEntryAppendSchema,
  providerEntryListSchema,
  providerEntryPatchSchema,
  stringListSchema,
} from './contract.js';
import { redactSecrets, restoreSecrets } from './redact-yaml.js';
import { managed, managementError, readManagementBody } from './respond-management.js';
import type { ConfigChange, ManagementServices } from './services.js';
import { parseDocumentValue } from './yaml-value.js';

const PROVIDER_LISTS = ['gemini-api-key', 'claude-api-key', 'codex-api-key', 'xai-api-key', 'vertex-api-key', 'openai-compatibility'] as const;

/** `?masked=true`: our dashboard's lists, key material masked (the reference's paths answer real values). */
const wantsMasked = (url: URL) => url.searchParams.get('masked') === 'true' && url.searchParams.get('reveal') !== 'true';

/** `a.b.0.c` → ['a','b',0,'c']. */
export function dottedPath(key: string): Array<string | number> {
  return key.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** config.yaml through management: values, raw text, client keys and provider key lists. */
export function registerConfigRoutes(router: Router, services: ManagementServices): void {
  const base = MANAGEMENT_BASE;
  const secrets = () => services.runtime.current().secrets;
  const fileObject = () => parseDocumentValue(services.config.text());

  router.add('GET', `${base}/config/view`, managed(services, ({ res }) => {
    const file = fileObject();
    sendJson(res, 200, { config: maskConfigSecrets(file), file: services.config.status() });
  }));

  router.add('PATCH', `${base}/config`, managed(services, async (context) => {
    const body = await readManagementBody(context, configPatchSchema);
    const changes: ConfigChange[] = Object.entries(body.values).map(([key, value]) => ({ path: dottedPath(key), value: value === null ? undefined : value }));
    sendJson(context.res, 200, await services.config.update(changes));
  }));
  router.add('PUT', `${base}/config`, router.match('PATCH', `${base}/config`)!.handler);

  router.add('GET', `${base}/config.yaml`, managed(services, ({ res }) => {
    const text = redactSecrets(services.config.text(), secrets());
    res.writeHead(200, { 'content-type': 'application/yaml; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }));

  router.add('PUT', `${base}/config.yaml`, managed(services, async (context) => {
    const raw = (await readRequestBody(context.req, 4 * 1024 * 1024)).toString('utf8');
    const restored = restoreSecrets(raw, secrets());
    if (restored.unknown.length > 0) {
      throw managementError(422, `The text contains redacted values this proxy does not know (${restored.unknown[0]}); paste the real value instead.`);
    }
    sendJson(context.res, 200, await services.config.replace(restored.text));
  }));

  // ----- client keys (api-keys) -----
  router.add('GET', `${base}/api-keys`, managed(services, ({ res, url }) => {
    const keys = services.runtime.current().config.apiKeys;
    sendJson(res, 200, { 'api-keys': wantsMasked(url) ? keys.map(maskSecret) : keys });
  }));
  router.add('PUT', `${base}/api-keys`, managed(services, async (context) => {
    const keys = await readManagementBody(context, stringListSchema);
    sendJson(context.res, 200, await services.config.update([{ path: ['api-keys'], value: keys.map((key) => key.trim()).filter(Boolean) }]));
  }));
  router.add('PATCH', `${base}/api-keys`, managed(services, async (context) => {
    const body = await readManagementBody(context, apiKeyPatchSchema);
    const result = await services.config.update(() => {
      const keys = [...services.runtime.current().config.apiKeys];
      if ('index' in body) {
        if (body.index >= keys.length) throw managementError(404, `No client key at index ${body.index}.`);
        keys[body.index] = body.value.trim();
      } else {
        const at = keys.indexOf(body.old);
        if (at === -1) keys.push(body.new.trim());
        else keys[at] = body.new.trim();
      }
      return [{ path: ['api-keys'], value: keys }];
    });
    sendJson(context.res, 200, result);
  }));
  router.add('DELETE', `${base}/api-keys`, managed(services, async ({ res, url }) => {
    const index = url.searchParams.get('index');
    const value = url.searchParams.get('value');
    const result = await services.config.update(() => {
      const keys = [...services.runtime.current().config.apiKeys];
      const at = index !== null ? Number(index) : value !== null ? keys.indexOf(value) : -1;
      if (!Number.isInteger(at) || at < 0 || at >= keys.length) throw managementError(404, 'No such client key: pass ?index= or ?value=.');
      keys.splice(at, 1);
      return [{ path: ['api-keys'], value: keys }];
    });
    sendJson(res, 200, result);
  }));

  // ----- provider key lists -----
  for (const key of PROVIDER_LISTS) {
    const list = (): Array<Record<string, unknown>> => {
      const value = fileObject()[key];
      return Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
    };
    const locate = (body: { index?: number; match?: string; name?: string; baseUrl?: string }): number => {
      const entries = list();
      if (body.index !== undefined) return body.index < entries.length ? body.index : -1;
      if (body.name !== undefined) return entries.findIndex((entry) => entry.name === body.name);
      if (body.match === undefined) return -1;
      const matches = entries.flatMap((entry, index) => (entry['api-key'] === body.match ? [index] : []));
      // The reference's `&base-url=` picks among entries sharing one key.
      if (matches.length > 1 && body.baseUrl !== undefined) return matches.find((index) => String(entries[index]['base-url'] ?? '') === body.baseUrl) ?? -1;
      return matches[0] ?? -1;
    };
    router.add('GET', `${base}/${key}`, managed(services, ({ res, url }) => {
      const masked = wantsMasked(url);
      sendJson(res, 200, { [key]: list().map((entry, index) => ({ index, ...(masked ? maskConfigSecrets(entry) : entry) })) });
    }));
    router.add('POST', `${base}/${key}`, managed(services, async (context) => {
      const entry = await readManagementBody(context, providerEntryAppendSchema);
      sendJson(context.res, 200, await services.config.update(() => [{ path: [key, list().length], value: entry }]));
    }));
    router.add('PUT', `${base}/${key}`, managed(services, async (context) => {
      const entries = await readManagementBody(context, providerEntryListSchema);
      sendJson(context.res, 200, await services.config.update([{ path: [key], value: entries }]));
    }));
    router.add('PATCH', `${base}/${key}`, managed(services, async (context) => {
      const body = await readManagementBody(context, providerEntryPatchSchema);
      const result = await services.config.update(() => {
        const index = locate(body);
        if (index === -1) throw managementError(404, `No ${key} entry matches; give "index", "match" (the api-key) or "name".`);
        if (key !== 'openai-compatibility' && body.value['api-key'] === '') return [{ path: [key, index], value: undefined }];
        return Object.entries(body.value).map(([field, value]) => ({ path: [key, index, field], value: value === null ? undefined : value }));
      });
      sendJson(context.res, 200, result);
    }));
    router.add('DELETE', `${base}/${key}`, managed(services, async ({ res, url }) => {
      const query = {
        index: url.searchParams.has('index') ? Number(url.searchParams.get('index')) : undefined,
        match: url.searchParams.get('api-key') ?? undefined,
        name: url.searchParams.get('name') ?? undefined,
        baseUrl: url.searchParams.get('base-url') ?? undefined,
      };
      const result = await services.config.update(() => {
        const index = locate(query);
        if (index === -1) throw managementError(404, `No ${key} entry matches: pass ?index=, ?api-key= or ?name=.`);
        return [{ path: [key, index], value: undefined }];
      });
      sendJson(res, 200, result);
    }));
  }
}

const SECRET_KEYS = /^(api-key|api-keys|secret-key|access-token|refresh-token)$/;

/** A copy of config data with key material masked (management never hands secrets to the UI). */
export function maskConfigSecrets<T>(value: T, parentKey = ''): T {
  if (typeof value === 'string') return (SECRET_KEYS.test(parentKey) && value ? maskSecret(value) : value) as T;
  if (Array.isArray(value)) return value.map((item) => maskConfigSecrets(item, parentKey)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, maskConfigSecrets(inner, key)])) as T;
  }
  return value;
}
