import { z } from 'zod';
import { configFileSchema } from '../../config/schema.js';
import { sendJson } from '../respond.js';
import type { Router } from '../router.js';
import { MANAGEMENT_BASE } from './contract.js';
import { managed, readManagementBody } from './respond-management.js';
import type { ManagementServices } from './services.js';
import { parseDocumentValue } from './yaml-value.js';

/**
 * CLIProxyAPI's `/ampcode*` management routes (inventory-server.md §1.7; reference amp handlers in
 * internal/api/handlers/management): GET `/ampcode` → `{"ampcode":{…}}`, each key GET → `{"<key>": value}`,
 * scalars PUT/PATCH `{"value": X}`, lists PUT (replace) / PATCH (upsert by `from` or `upstream-api-key`) /
 * DELETE (`{"value":[names]}`, or no names: all). Writes go through the serialised config writer.
 */
const SCALARS = [
  { key: 'upstream-url', schema: z.object({ value: z.string().trim() }) },
  { key: 'upstream-api-key', schema: z.object({ value: z.string().trim() }) },
  { key: 'restrict-management-to-localhost', schema: z.object({ value: z.boolean() }) },
  { key: 'force-model-mappings', schema: z.object({ value: z.boolean() }) },
] as const;

const mappingSchema = z.object({ from: z.string().trim().min(1), to: z.string().trim().min(1), regex: z.boolean().optional() });
const upstreamKeySchema = z.object({ 'upstream-api-key': z.string().trim().min(1), 'api-keys': z.array(z.string().trim().min(1)).default([]) });

const LISTS = [
  { key: 'model-mappings', entry: mappingSchema, id: (entry: Record<string, unknown>) => String(entry.from ?? '').trim() },
  { key: 'upstream-api-keys', entry: upstreamKeySchema, id: (entry: Record<string, unknown>) => String(entry['upstream-api-key'] ?? '').trim() },
] as const;

const namesSchema = z.object({ value: z.array(z.string()).optional() });

export function registerAmpcodeRoutes(router: Router, services: ManagementServices): void {
  const base = `${MANAGEMENT_BASE}/ampcode`;
  const current = (): Record<string, unknown> => {
    const defaults = configFileSchema.parse({}).ampcode as Record<string, unknown>;
    const file = parseDocumentValue(services.config.text()).ampcode;
    return { ...defaults, ...(file && typeof file === 'object' && !Array.isArray(file) ? (file as Record<string, unknown>) : {}) };
  };
  const write = async (key: string, value: unknown) => ({ status: 'ok', ...(await services.config.update([{ path: ['ampcode', key], value }])) });
  const listOf = (key: string): Array<Record<string, unknown>> => {
    const value = current()[key];
    return Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
  };

  router.add('GET', base, managed(services, ({ res }) => sendJson(res, 200, { ampcode: current() })));

  for (const scalar of SCALARS) {
    router.add('GET', `${base}/${scalar.key}`, managed(services, ({ res }) => sendJson(res, 200, { [scalar.key]: current()[scalar.key] ?? '' })));
    const put = managed(services, async (context) => {
      const body = await readManagementBody(context, scalar.schema);
      sendJson(context.res, 200, await write(scalar.key, body.value === '' ? undefined : body.value));
    });
    router.add('PUT', `${base}/${scalar.key}`, put);
    router.add('PATCH', `${base}/${scalar.key}`, put);
    router.add('DELETE', `${base}/${scalar.key}`, managed(services, async ({ res }) => sendJson(res, 200, await write(scalar.key, undefined))));
  }

  for (const list of LISTS) {
    const whole = z.object({ value: z.array(list.entry) });
    router.add('GET', `${base}/${list.key}`, managed(services, ({ res }) => sendJson(res, 200, { [list.key]: listOf(list.key) })));
    router.add('PUT', `${base}/${list.key}`, managed(services, async (context) => {
      const body = await readManagementBody(context, whole);
      sendJson(context.res, 200, await write(list.key, body.value.length === 0 ? undefined : body.value));
    }));
    router.add('PATCH', `${base}/${list.key}`, managed(services, async (context) => {
      const body = await readManagementBody(context, whole);
      const merged = [...listOf(list.key)];
      for (const entry of body.value as Array<Record<string, unknown>>) {
        const at = merged.findIndex((existing) => list.id(existing) === list.id(entry));
        if (at >= 0) merged[at] = entry;
        else merged.push(entry);
      }
      sendJson(context.res, 200, await write(list.key, merged));
    }));
    router.add('DELETE', `${base}/${list.key}`, managed(services, async (context) => {
      const body = await readManagementBody(context, namesSchema);
      const names = new Set((body.value ?? []).map((name) => name.trim()));
      const kept = names.size === 0 ? [] : listOf(list.key).filter((entry) => !names.has(list.id(entry)));
      sendJson(context.res, 200, await write(list.key, kept.length === 0 ? undefined : kept));
    }));
  }
}
