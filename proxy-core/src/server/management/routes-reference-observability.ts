import { z } from 'zod';
import type { UsageRecord } from '../../observability/usage-store.js';
import { sendJson } from '../respond.js';
import type { Router } from '../router.js';
import { MANAGEMENT_BASE, type LogEntryView } from './contract.js';
import { toApiKeyUsage, toReferenceSnapshot, type ReferenceUsageDetail } from './reference-usage.js';
import { managed, managementError, readManagementBody } from './respond-management.js';
import type { ManagementServices } from './services.js';

/** How many stored requests the reference-shaped usage routes read (newest first). */
const USAGE_WINDOW = 10_000;
const RELEASES_URL = 'https://api.github.com/repos/router-for-me/CLIProxyAPI/releases/latest';

const detailSchema = z.object({
  timestamp: z.string(),
  latency_ms: z.number().default(0),
  source: z.string().default(''),
  auth_index: z.string().default(''),
  tokens: z.object({
    input_tokens: z.number().default(0), output_tokens: z.number().default(0), reasoning_tokens: z.number().default(0),
    cached_tokens: z.number().default(0), total_tokens: z.number().default(0),
  }).default({ input_tokens: 0, output_tokens: 0, reasoning_tokens: 0, cached_tokens: 0, total_tokens: 0 }),
  failed: z.boolean().default(false),
});
const importSchema = z.object({
  version: z.number().int().optional(),
  usage: z.object({ apis: z.record(z.string(), z.object({ models: z.record(z.string(), z.object({ details: z.array(detailSchema).default([]) })).default({}) })).default({}) }),
});

const pad = (value: number) => String(value).padStart(2, '0');

/** `[YYYY-MM-DD HH:MM:SS] [reqid|--------] [level] msg`, the reference's main.log line (inventory §5.5). */
function toLogLine(entry: LogEntryView): string {
  const at = new Date(entry.time);
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
  return `[${stamp}] [${entry.requestId ? entry.requestId.slice(0, 8) : '--------'}] [${entry.level}] ${entry.message}`;
}

/** CLIProxyAPI's usage, logs, api-key-usage and latest-version routes, in its shapes. */
export function registerReferenceObservabilityRoutes(router: Router, services: ManagementServices): void {
  const base = MANAGEMENT_BASE;
  const records = () => services.usage.recent({ limit: USAGE_WINDOW }) as UsageRecord[];
  const snapshot = () => {
    const indexes = new Map(services.runtime.current().credentials.map((credential) => [credential.id, credential.authIndex]));
    return toReferenceSnapshot(records(), (id) => indexes.get(id) ?? '');
  };

  router.add('GET', `${base}/usage`, managed(services, ({ res }) => {
    const usage = snapshot();
    sendJson(res, 200, { usage, failed_requests: usage.failure_count });
  }));
  router.add('GET', `${base}/usage/export`, managed(services, ({ res }) => {
    sendJson(res, 200, { version: 1, exported_at: new Date(services.clock.now()).toISOString(), usage: snapshot() });
  }));
  router.add('POST', `${base}/usage/import`, managed(services, async (context) => {
    // Imported details name their credential by its label (a masked key), which is data here, not a key to store.
    const body = await readManagementBody(context, importSchema, { maskedLabels: 'allowed' });
    if (body.version !== undefined && body.version !== 0 && body.version !== 1) throw managementError(400, 'unsupported version: "version" must be 0 or 1.');
    if (!services.usage.record) throw managementError(400, 'usage statistics unavailable: this proxy has no usage database.');
    const identity = (api: string, model: string, detail: Pick<ReferenceUsageDetail, 'timestamp' | 'source' | 'auth_index' | 'failed' | 'tokens'>) =>
      JSON.stringify([api, model, Date.parse(detail.timestamp), detail.source, detail.auth_index, detail.failed, detail.tokens.input_tokens, detail.tokens.output_tokens, detail.tokens.reasoning_tokens, detail.tokens.cached_tokens, detail.tokens.total_tokens]);
    const seen = new Set<string>();
    for (const [api, entry] of Object.entries(snapshot().apis)) for (const [model, stats] of Object.entries(entry.models)) for (const detail of stats.details) seen.add(identity(api, model, detail));
    let added = 0;
    let skipped = 0;
    for (const [api, entry] of Object.entries(body.usage.apis)) {
      for (const [model, stats] of Object.entries(entry.models)) {
        for (const detail of stats.details) {
          const time = Date.parse(detail.timestamp);
          const key = identity(api, model, detail);
          if (!Number.isFinite(time) || seen.has(key)) {
            skipped += 1;
            continue;
          }
          seen.add(key);
          added += 1;
          services.usage.record({
            time, requestId: `import-${time}-${added}`, clientKey: api, provider: '', credentialId: '', credentialLabel: detail.source,
            requestedModel: model, upstreamModel: model, clientFormat: '', upstreamFormat: '', stream: false, status: detail.failed ? 500 : 200,
            latencyMs: detail.latency_ms, ttfbMs: null, inputTokens: detail.tokens.input_tokens, outputTokens: detail.tokens.output_tokens,
            cachedTokens: detail.tokens.cached_tokens, reasoningTokens: detail.tokens.reasoning_tokens, totalTokens: detail.tokens.total_tokens,
            estimated: false, error: detail.failed ? 'imported failure' : null,
          });
        }
      }
    }
    services.usage.flush?.();
    const after = snapshot();
    sendJson(context.res, 200, { added, skipped, total_requests: after.total_requests, failed_requests: after.failure_count });
  }));

  router.add('GET', `${base}/api-key-usage`, managed(services, ({ res }) => {
    sendJson(res, 200, toApiKeyUsage(records(), services.runtime.current().credentials, services.clock.now()));
  }));

  // `DELETE /logs` empties this view (the reference truncates main.log); the dashboard's own log keeps its history.
  let clearedThrough = 0;
  router.add('DELETE', `${base}/logs`, managed(services, ({ res }) => {
    const shown = services.logs.entries({ limit: 5000 }).filter((entry) => entry.seq > clearedThrough);
    clearedThrough = shown.at(-1)?.seq ?? clearedThrough;
    sendJson(res, 200, { success: true, message: 'Logs cleared (the dashboard\'s log view keeps its history).', removed: shown.length });
  }));

  // The reference reads main.log (and needs logging-to-file); this proxy always keeps its recent log in memory.
  router.add('GET', `${base}/logs`, managed(services, ({ res, url }) => {
    const after = Number(url.searchParams.get('after') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 0);
    if (!Number.isFinite(after) || !Number.isFinite(limit) || limit < 0) throw managementError(400, 'after (unix seconds) and limit must be numbers.');
    const all = services.logs.entries({ limit: 5000 }).filter((entry) => entry.seq > clearedThrough);
    const fresh = all.filter((entry) => entry.time > after * 1000);
    const kept = limit > 0 ? fresh.slice(-limit) : fresh;
    const latest = all.at(-1);
    sendJson(res, 200, { lines: kept.map(toLogLine), 'line-count': all.length, 'latest-timestamp': latest ? Math.floor(latest.time / 1000) : after });
  }));

  router.add('GET', `${base}/latest-version`, managed(services, async ({ res }) => {
    const fetcher = services.managementFetch ?? fetch;
    let answer: Response;
    try {
      answer = await fetcher(RELEASES_URL, { headers: { accept: 'application/vnd.github+json', 'user-agent': `cliproxy-desktop/${services.version}` }, signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      sendJson(res, 502, { error: 'request_failed', message: `GitHub could not be reached (${(error as Error).message}).` });
      return;
    }
    if (!answer.ok) {
      sendJson(res, 502, { error: 'unexpected_status', message: `GitHub answered ${answer.status}.` });
      return;
    }
    const body = (await answer.json().catch(() => ({}))) as { tag_name?: unknown; name?: unknown };
    const version = typeof body.tag_name === 'string' ? body.tag_name : typeof body.name === 'string' ? body.name : '';
    if (!version) {
      sendJson(res, 502, { error: 'invalid_response', message: 'missing release version' });
      return;
    }
    sendJson(res, 200, { 'latest-version': version });
  }));

  // Request error logs belong to the request-log feature; until it is on here, an honest empty list.
  if (!router.match('GET', `${base}/request-error-logs`)) {
    router.add('GET', `${base}/request-error-logs`, managed(services, ({ res }) => sendJson(res, 200, { files: [] })));
  }
}
