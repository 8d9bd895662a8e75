import path from 'node:path';
import { sendJson } from '../respond.js';
import type { Router } from '../router.js';
import { sseHeaders } from '../stream-response.js';
import { authFileStatusSchema, logsQuerySchema, MANAGEMENT_BASE, recentQuerySchema, usageQuerySchema, type StatusResponse } from './contract.js';
import { managed, managementError, readManagementBody } from './respond-management.js';
import type { ManagementServices } from './services.js';

const DAY = 86_400_000;

function parseQuery<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, url: URL): T {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw managementError(400, `Invalid query parameter ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** Status, usage, logs (history and live SSE tail) and auth files. */
export function registerObservabilityRoutes(router: Router, services: ManagementServices): void {
  const base = MANAGEMENT_BASE;

  router.add('GET', `${base}/status`, managed(services, ({ res }) => {
    const state = services.runtime.current();
    const now = services.clock.now();
    const cooling = new Set(services.runtime.cooldowns.list(now).map((entry) => entry.credentialId));
    const address = services.address();
    const body: StatusResponse = {
      version: services.version,
      uptimeSeconds: Math.floor((now - services.startedAt) / 1000),
      address,
      config: services.config.status(),
      credentials: {
        total: state.credentials.length,
        enabled: state.credentials.filter((credential) => !credential.disabled).length,
        disabled: state.credentials.filter((credential) => credential.disabled).length,
        cooling: state.credentials.filter((credential) => cooling.has(credential.id)).length,
      },
      models: state.registry.list().length,
      clientKeys: state.config.apiKeys.length,
      restartRequired: [
        ...(address.host !== state.config.host ? ['host'] : []),
        ...(state.config.port !== 0 && address.port !== state.config.port ? ['port'] : []),
      ],
    };
    sendJson(res, 200, body);
  }));

  router.add('GET', `${base}/usage/report`, managed(services, ({ res, url }) => {
    const query = parseQuery(usageQuerySchema, url);
    const to = query.to ?? services.clock.now();
    const from = query.from ?? to - 7 * DAY;
    const groupBy = query.groupBy ?? 'day';
    const filters = { provider: query.provider, model: query.model, credentialId: query.credentialId, clientKey: query.clientKey };
    sendJson(res, 200, { from, to, groupBy, summary: { ...services.usage.summary({ from, to }), affinity: services.runtime.affinity() }, rows: services.usage.aggregate({ from, to, groupBy, filters }) });
  }));

  router.add('GET', `${base}/usage/recent`, managed(services, ({ res, url }) => {
    const query = parseQuery(recentQuerySchema, url);
    const filters = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== '' && value !== undefined));
    sendJson(res, 200, { requests: services.usage.recent({ limit: 100, ...filters }) });
  }));

  router.add('GET', `${base}/logs/entries`, managed(services, ({ res, url }) => {
    const query = parseQuery(logsQuerySchema, url);
    const entries = services.logs.entries({ limit: 500, ...query });
    sendJson(res, 200, { entries, latest: entries.at(-1)?.seq ?? query.after ?? 0 });
  }));

  router.add('GET', `${base}/logs/stream`, managed(services, ({ req, res, url }) => {
    const query = parseQuery(logsQuerySchema, url);
    res.writeHead(200, sseHeaders());
    res.write(': connected\n\n');
    for (const entry of services.logs.entries({ limit: 200, ...query })) res.write(`id: ${entry.seq}\ndata: ${JSON.stringify(entry)}\n\n`);
    const unsubscribe = services.logs.subscribe((entry) => {
      if (query.level && rank(entry.level) < rank(query.level)) return;
      if (query.requestId && entry.requestId !== query.requestId) return;
      if (query.contains && !entry.message.toLowerCase().includes(query.contains.toLowerCase())) return;
      res.write(`id: ${entry.seq}\ndata: ${JSON.stringify(entry)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    heartbeat.unref();
    req.once('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }));

  router.add('GET', `${base}/auth-files`, managed(services, async ({ res }) => {
    const credentials = services.runtime.current().credentials;
    const files = (await services.authFiles.list()).map((file) => {
      const credential = credentials.find((entry) => entry.account?.file !== undefined && path.basename(entry.account.file) === file.name);
      // CLIProxyAPI's field names beside ours (reference auth_files.go): its panel reads these.
      return {
        ...file,
        auth_index: credential?.authIndex ?? '',
        status_message: file.status === 'active' ? '' : file.statusMessage,
        unavailable: file.status !== 'active' && !file.disabled,
        runtime_only: false,
        source: 'file',
        ...(file.label.includes('@') ? { email: file.label } : {}),
      };
    });
    sendJson(res, 200, { files });
  }));
  router.add('PATCH', `${base}/auth-files/status`, managed(services, async (context) => {
    const body = await readManagementBody(context, authFileStatusSchema);
    const result = await services.authFiles.setDisabled(body.name, body.disabled);
    if (!result.persisted) services.log('warn', `${body.name} ${body.disabled ? 'disabled' : 'enabled'} in memory only: ${result.reason}`);
    sendJson(context.res, 200, { status: 'ok', disabled: body.disabled, persisted: result.persisted, ...(result.reason ? { reason: result.reason } : {}) });
  }));
  router.add('DELETE', `${base}/auth-files`, managed(services, async ({ res, url }) => {
    const name = url.searchParams.get('name');
    if (!name) throw managementError(400, 'Pass the file to delete as ?name=<file>.json.');
    await services.authFiles.remove(name);
    sendJson(res, 200, { status: 'ok' });
  }));
}

function rank(level: string): number {
  return ['debug', 'info', 'warn', 'error'].indexOf(level);
}
