import { createDiagnostics, type Diagnostics } from '../../diagnostics/index.js';
import { sendJson } from '../respond.js';
import type { Router } from '../router.js';
import { MANAGEMENT_BASE } from './contract.js';
import { managed, managementError } from './respond-management.js';
import type { ManagementServices } from './services.js';

const CHECK_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The troubleshooting matrix as live checks: list (cheap checks run), run one, apply one's fix. */
export function registerDiagnosticsRoutes(router: Router, services: ManagementServices): void {
  const base = `${MANAGEMENT_BASE}/diagnostics`;
  let diagnostics: Diagnostics | undefined;
  const available = (): Diagnostics => {
    if (!services.diagnostics) throw managementError(404, 'Diagnostics are not available in this build of the proxy; `cliproxyctl doctor` runs the local checks.');
    diagnostics ??= createDiagnostics(services.diagnostics);
    return diagnostics;
  };
  const idOf = (raw: string, all: Diagnostics): string => {
    if (!CHECK_ID.test(raw) || !all.has(raw)) {
      throw managementError(404, `No diagnostic check "${raw.slice(0, 64)}". List them with GET ${base}; ids look like ${all.ids().slice(0, 3).join(', ')}.`);
    }
    return raw;
  };

  router.add('GET', base, managed(services, async ({ res }) => {
    sendJson(res, 200, { checks: await available().list() });
  }));

  router.add('POST', `${base}/:id/run`, managed(services, async ({ res, params }) => {
    const all = available();
    sendJson(res, 200, await all.run(idOf(params.id, all)));
  }));

  router.add('POST', `${base}/:id/fix`, managed(services, async ({ res, params }) => {
    const all = available();
    const id = idOf(params.id, all);
    const result = (await all.fix(id))!;
    services.log(result.ok ? 'info' : 'warn', `diagnostics fix for ${id}: ${result.message}`);
    sendJson(res, 200, result);
  }));
}
