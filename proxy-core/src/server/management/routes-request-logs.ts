import { parseLoggedClientRequest, type RequestLog } from '../../observability/index.js';
import { createClientKeyRing } from '../client-auth.js';
import { sendJson } from '../respond.js';
import type { Router } from '../router.js';
import { MANAGEMENT_BASE, type ReplayResponse } from './contract.js';
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
/** Client headers a replay does not copy: hop-by-hop ones, the (masked) credentials, and what fetch sets itself. */
const NOT_REPLAYED = /^(host|connection|content-length|transfer-encoding|accept-encoding|authorization|proxy-authorization|x-api-key|x-goog-api-key|cookie|keep-alive|upgrade|te|trailer)$/i;
const REPLAY_ANSWER_LIMIT = 256 * 1024;

export function registerRequestLogRoutes(router: Router, services: ManagementServices, requestLog: RequestLog, fetchImpl: typeof fetch = fetch): void {
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

  router.add('POST', `${base}/request-logs/by-id/:id/replay`, managed(services, async ({ res, params }) => {
    const found = await requestLog.readById(params.id);
    if (!found) throw managementError(404, `No request log for request id ${params.id}, so there is nothing to replay. Turn request-log on (Settings → Request logs) and send the request again.`);
    const logged = parseLoggedClientRequest(found.text);
    if (!logged) throw managementError(409, `The log of ${params.id} holds no client request (it failed before the body was read).`);
    if (logged.cut) throw managementError(409, `The request body of ${params.id} was cut at request-log-body-limit-kb, so it cannot be sent again as it was; raise request-log-body-limit-kb and send the request again.`);
    const config = services.runtime.current().config;
    let key: string | undefined;
    if (config.apiKeys.length > 0) {
      const ring = createClientKeyRing(config.apiKeys);
      key = config.apiKeys.find((candidate) => ring.labelOf(candidate) === logged.clientKey);
      if (!key) throw managementError(409, `The client key this request used (${logged.clientKey ?? 'none'}) is no longer in api-keys; add it back to replay the request.`);
    }
    const url = new URL(logged.path, services.address().url);
    url.searchParams.delete('key');
    url.searchParams.delete('auth_token');
    const headers = new Headers();
    for (const [name, value] of logged.headers) if (!NOT_REPLAYED.test(name)) headers.append(name, value);
    if (key) headers.set('authorization', `Bearer ${key}`);
    headers.set('x-cliproxy-replay-of', params.id);
    const started = services.clock.now();
    const answer = await fetchImpl(url, { method: logged.method, headers, ...(logged.method === 'GET' ? {} : { body: logged.body }) });
    const text = await answer.text();
    const body: ReplayResponse = {
      requestId: answer.headers.get('x-request-id'),
      status: answer.status,
      contentType: answer.headers.get('content-type'),
      body: requestLog.redact(text.length > REPLAY_ANSWER_LIMIT ? `${text.slice(0, REPLAY_ANSWER_LIMIT)}\n[… cut]` : text),
      latencyMs: services.clock.now() - started,
    };
    sendJson(res, 200, body);
  }));
}
