import { z } from 'zod';
import { toProxyError } from '../../shared/errors.js';
import { sendJson } from '../respond.js';
import type { Router } from '../router.js';
import { MANAGEMENT_BASE } from './contract.js';
import { managed, readManagementBody } from './respond-management.js';
import type { ManagementServices } from './services.js';

const callbackSchema = z.object({
  provider: z.string().optional(),
  redirect_url: z.string().trim().optional(),
  code: z.string().trim().optional(),
  state: z.string().trim().optional(),
  error: z.string().trim().optional(),
});

/** The `state` a pasted address or query carries. */
function stateOf(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.searchParams.get('state') ?? new URLSearchParams(url.hash.slice(1)).get('state') ?? undefined;
  } catch {
    return new URLSearchParams(text.replace(/^\?/, '')).get('state') ?? undefined;
  }
}

/**
 * CLIProxyAPI's `POST /oauth-callback` (paste the address the browser ended on, or its code/state/error) and
 * `DELETE /oauth-session?state=` (cancel), answered `{status: "ok"}` or `{status: "error", error}` as the reference
 * does. `state` may be the login id `/…-auth-url` returned or the OAuth state in the address.
 */
export function registerReferenceOAuthRoutes(router: Router, services: ManagementServices): void {
  const base = MANAGEMENT_BASE;
  const loginFor = (state: string | undefined) => (state ? (services.logins.get(state) ? state : services.logins.idForState?.(state)) : undefined);
  const fail = (res: Parameters<typeof sendJson>[0], status: number, error: string) => sendJson(res, status, { status: 'error', error });

  router.add('POST', `${base}/oauth-callback`, managed(services, async (context) => {
    const body = await readManagementBody(context, callbackSchema);
    const pasted = body.redirect_url || new URLSearchParams(Object.entries({ code: body.code, state: body.state, error: body.error }).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();
    if (!pasted) return fail(context.res, 400, 'Give "redirect_url" (the address the browser ended on), or "code" and "state".');
    const id = loginFor(body.state ?? stateOf(pasted));
    if (!id) return fail(context.res, 404, 'No login in progress has this state (it may have expired): start the login again.');
    try {
      const view = await services.logins.callback(id, pasted);
      if (view.status === 'error') return fail(context.res, 400, view.error?.message ?? 'The login failed.');
      sendJson(context.res, 200, { status: 'ok' });
    } catch (raw) {
      const error = toProxyError(raw);
      fail(context.res, error.status, error.message);
    }
  }));

  router.add('DELETE', `${base}/oauth-session`, managed(services, ({ res, url }) => {
    const id = loginFor(url.searchParams.get('state')?.trim());
    if (!id) return fail(res, 404, 'No login in progress has this state.');
    services.logins.cancel(id);
    sendJson(res, 200, { status: 'ok' });
  }));
}
