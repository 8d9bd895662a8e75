import type { RequestLog } from '../../observability/index.js';
import { sendJson } from '../respond.js';
import type { Router } from '../router.js';
import { MANAGEMENT_BASE } from './contract.js';
import { managed, managementError } from './respond-management.js';
import type { ManagementServices } from './services.js';

function sendLogText(res: import('node:http').ServerResponse, name: string, text: string): void {
  const body = Buffer.from(text);
  res.writeHead(200, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': body.length,
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
  });
  res.end(body);
}

/**
 * The request log (`request-log`, `error-logs-max-files`): the list of files, and one file by request id or by name
 * (already redacted when written). The reference's routes (`/request-error-logs`, `/request-log-by-id/:id`) sit
 * beside these.
 */
export function registerRequestLogRoutes(router: Router, services: ManagementServices, requestLog: RequestLog): void {
  const base = MANAGEMENT_BASE;

  router.add('GET', `${base}/request-logs`, managed(services, async ({ res }) => {
    const settings = services.runtime.current().config.requestLog;
    sendJson(res, 200, { enabled: settings.enabled, errorMaxFiles: settings.errorMaxFiles, files: await requestLog.list() });
  }));

  router.add('GET', `${base}/request-logs/by-id/:id`, managed(services, async ({ res, params }) => {
    const found = await requestLog.readById(params.id);
    if (!found) {
      throw managementError(404, `No request log for request id ${params.id}. Logs are written only while request-log is on (or, when it is off, for failed requests while error-logs-max-files is above 0), and old ones are rotated away.`);
    }
    sendLogText(res, found.name, found.text);
  }));

  router.add('GET', `${base}/request-logs/files/:name`, managed(services, async ({ res, params }) => {
    const text = await requestLog.readFile(params.name);
    if (text === undefined) throw managementError(404, `No request log file named ${params.name}; list them with GET ${base}/request-logs.`);
    sendLogText(res, params.name, text);
  }));
}
