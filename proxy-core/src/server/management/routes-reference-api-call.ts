import { z } from 'zod';
import { sendJson } from '../respond.js';
import type { Router } from '../router.js';
import { MANAGEMENT_BASE } from './contract.js';
import { managed, managementError, readManagementBody } from './respond-management.js';
import type { ManagementServices } from './services.js';

const MAX_ANSWER_BYTES = 8 * 1024 * 1024;
const apiCallSchema = z.object({
  auth_index: z.string().optional(),
  authIndex: z.string().optional(),
  AuthIndex: z.string().optional(),
  method: z.string().trim().min(1, 'missing method'),
  url: z.string().trim().min(1, 'missing url'),
  header: z.record(z.string(), z.string()).optional(),
  data: z.string().optional(),
});

/**
 * `POST /api-call` (reference api_tools.go): makes one HTTP call for a management tool — the panel's quota page
 * asks the vendors' quota endpoints this way — with `$TOKEN$` in a header value replaced by the token of the
 * credential named by `auth_index`. Answers `{status_code, header: {name: [values]}, body}` (body as text).
 */
export function registerReferenceApiCallRoute(router: Router, services: ManagementServices): void {
  router.add('POST', `${MANAGEMENT_BASE}/api-call`, managed(services, async (context) => {
    const body = await readManagementBody(context, apiCallSchema);
    let target: URL;
    try {
      target = new URL(body.url);
    } catch {
      throw managementError(400, `invalid url: "url" must be an absolute http(s) address, got "${body.url}".`);
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw managementError(400, 'invalid url: only http and https are allowed.');
    const headers: Record<string, string> = { ...body.header };
    const authIndex = (body.auth_index ?? body.authIndex ?? body.AuthIndex ?? '').trim();
    if (Object.values(headers).some((value) => value.includes('$TOKEN$'))) {
      const credential = authIndex ? services.runtime.current().credentials.find((entry) => entry.authIndex === authIndex) : undefined;
      if (!credential?.secret) throw managementError(400, `auth token not found: no credential has auth_index "${authIndex}" (see GET /auth-files).`);
      for (const [name, value] of Object.entries(headers)) headers[name] = value.replaceAll('$TOKEN$', credential.secret);
    }
    const fetcher = services.managementFetch ?? fetch;
    let answer: Response;
    try {
      answer = await fetcher(target, { method: body.method.toUpperCase(), headers, body: body.data === undefined || body.data === '' ? undefined : body.data, redirect: 'manual', signal: AbortSignal.timeout(60_000) });
    } catch (error) {
      sendJson(context.res, 502, { error: `request failed: ${(error as Error).message}` });
      return;
    }
    const bytes = Buffer.from(await answer.arrayBuffer());
    if (bytes.length > MAX_ANSWER_BYTES) {
      sendJson(context.res, 502, { error: 'failed to read response: the answer is larger than 8 MiB.' });
      return;
    }
    const header: Record<string, string[]> = {};
    answer.headers.forEach((value, name) => {
      (header[name] ??= []).push(value);
    });
    sendJson(context.res, 200, { status_code: answer.status, header, body: bytes.toString('utf8') });
  }));
}
