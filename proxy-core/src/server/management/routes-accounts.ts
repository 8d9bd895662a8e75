import { sendJson } from '../respond.js';
import type { Router } from '../router.js';
import { liveAccountView } from './account-view.js';
import { accountPatchSchema, loginCallbackSchema, loginStartSchema, MANAGEMENT_BASE, type AccountView } from './contract.js';
import { managed, managementError, readManagementBody } from './respond-management.js';
import type { ManagementServices } from './services.js';

/** Subscription accounts (state, token, quota) and logins (start, paste the callback, status, cancel). */
export function registerAccountRoutes(router: Router, services: ManagementServices): void {
  const base = MANAGEMENT_BASE;
  const view = (id: string): AccountView => {
    const entry = services.accounts.entry(id);
    if (!entry) throw managementError(404, `No account "${id}". List them with GET ${base}/accounts.`);
    return liveAccountView(entry, services.runtime, services.clock.now());
  };
  const login = (id: string) => {
    const found = services.logins.get(id);
    if (!found) throw managementError(404, `No login "${id}" (logins are kept for 30 minutes after they end). Start one with POST ${base}/logins.`);
    return found;
  };

  router.add('GET', `${base}/accounts`, managed(services, ({ res }) => {
    sendJson(res, 200, { accounts: services.accounts.entries().map((entry) => view(entry.file)) });
  }));
  router.add('GET', `${base}/accounts/:id`, managed(services, ({ res, params }) => sendJson(res, 200, view(params.id))));
  router.add('PATCH', `${base}/accounts/:id`, managed(services, async (context) => {
    const entry = services.accounts.entry(context.params.id);
    if (!entry) throw managementError(404, `No account "${context.params.id}". List them with GET ${base}/accounts.`);
    const { enabled } = await readManagementBody(context, accountPatchSchema);
    await services.authFiles.setDisabled(entry.file, !enabled);
    services.log('info', `${entry.provider.id} ${entry.record.label} ${enabled ? 'enabled' : 'disabled'}`);
    sendJson(context.res, 200, view(entry.file));
  }));
  router.add('POST', `${base}/accounts/:id/refresh`, managed(services, async ({ res, params }) => {
    view(params.id);
    await services.accounts.refresh(params.id).catch(() => undefined);
    sendJson(res, 200, view(params.id));
  }));
  router.add('GET', `${base}/accounts/:id/quota`, managed(services, async ({ res, params, url }) => {
    view(params.id);
    await services.accounts.quota(params.id, { force: url.searchParams.get('refresh') === 'true' });
    sendJson(res, 200, view(params.id).quota);
  }));

  router.add('GET', `${base}/login-providers`, managed(services, ({ res }) => sendJson(res, 200, { providers: services.logins.providers() })));
  router.add('POST', `${base}/logins`, managed(services, async (context) => {
    const input = await readManagementBody(context, loginStartSchema);
    sendJson(context.res, 201, await services.logins.start(input));
  }));
  router.add('GET', `${base}/logins/:id`, managed(services, ({ res, params }) => sendJson(res, 200, login(params.id))));
  router.add('POST', `${base}/logins/:id/callback`, managed(services, async (context) => {
    login(context.params.id);
    const { url } = await readManagementBody(context, loginCallbackSchema);
    sendJson(context.res, 200, await services.logins.callback(context.params.id, url));
  }));
  router.add('DELETE', `${base}/logins/:id`, managed(services, ({ res, params }) => {
    login(params.id);
    sendJson(res, 200, services.logins.cancel(params.id));
  }));

  // CLIProxyAPI's management routes for the same, so its web panel can log in through this proxy.
  const compat: Record<string, string> = { anthropic: 'claude', codex: 'codex', 'gemini-cli': 'gemini-cli', antigravity: 'antigravity', xai: 'xai' };
  for (const [name, provider] of Object.entries(compat)) {
    router.add('GET', `${base}/${name}-auth-url`, managed(services, async ({ res, url }) => {
      const started = await services.logins.start({ provider, projectId: url.searchParams.get('project_id') ?? undefined });
      sendJson(res, 200, { status: 'ok', url: started.url, state: started.id });
    }));
  }
  router.add('GET', `${base}/get-auth-status`, managed(services, ({ res, url }) => {
    const found = services.logins.get(url.searchParams.get('state') ?? '');
    if (!found || found.status === 'done') return sendJson(res, 200, { status: 'ok' });
    if (found.status === 'waiting' || found.status === 'exchanging') return sendJson(res, 200, { status: 'wait' });
    sendJson(res, 200, { status: 'error', error: found.error?.message ?? found.status });
  }));
}
