import { GuidedClientError, ModelNotServedError, PLACEHOLDER_KEY, proxyBaseUrl, SetupConflictError, UnknownClientError, UnreadableFileError, type ClientSetup, type ClientStatus, type PlannedFile, type SetupTarget } from '../../client-setup/index.js';
import { maskSecret } from '../../shared/index.js';
import { ProxyError } from '../../shared/errors.js';
import { sendJson } from '../respond.js';
import type { RouteContext, Router } from '../router.js';
import {
  clientRevertBodySchema,
  clientSetupBodySchema,
  MANAGEMENT_BASE,
  type ClientApplyResponse,
  type ClientFileChange,
  type ClientPreviewResponse,
  type ClientRevertResponse,
  type ClientSetupView,
  type ClientsResponse,
} from './contract.js';
import { managed, managementError, readManagementBody } from './respond-management.js';
import type { ManagementServices } from './services.js';
import type { Runtime } from '../runtime.js';

function view(status: ClientStatus, reveal: boolean): ClientSetupView {
  const { link, steps, ...rest } = status;
  return {
    ...rest,
    ...(steps ? { steps: reveal ? steps : steps.map((step) => (step.secret ? { ...step, value: maskSecret(step.value) } : step)) } : {}),
    ...(reveal && link ? { link } : {}),
  };
}

const fileChange = (file: PlannedFile): ClientFileChange => ({ path: file.path, exists: file.before !== undefined, changed: file.changed, diff: file.diff });

/** The setup's own errors as management errors: the file and line for an unreadable file, 409 for a conflict. */
function toManagementError(error: unknown): unknown {
  if (error instanceof UnreadableFileError) return managementError(422, error.message, { file: error.filePath, line: error.line, column: error.column });
  if (error instanceof ModelNotServedError || error instanceof GuidedClientError) return managementError(400, error.message);
  if (error instanceof SetupConflictError) return managementError(409, error.message);
  if (error instanceof UnknownClientError) return managementError(404, error.message);
  return error;
}

/**
 * `/clients`: every coding tool's setup status (detected first), and per client a preview diff, apply and
 * revert through the one setup writer. Writing changes files in this machine's home folder, so apply and
 * revert answer only requests from this machine, even when remote management is allowed.
 */
/** Where clients are pointed: this proxy's address, its first client key, the models it serves now. */
export function proxySetupTarget(runtime: Runtime, address: { host: string; port: number }, body: { model?: string; smallModel?: string } = {}): SetupTarget {
  const current = runtime.current();
  return {
    baseUrl: proxyBaseUrl(address.host, address.port),
    apiKey: current.config.apiKeys[0] ?? PLACEHOLDER_KEY,
    models: current.registry.list().map((model) => model.id),
    ...(body.model ? { model: body.model } : {}),
    ...(body.smallModel ? { smallModel: body.smallModel } : {}),
  };
}

/** Statuses as management shows them (secrets masked). */
export function clientSetupViews(statuses: readonly ClientStatus[]): ClientSetupView[] {
  return statuses.map((status) => view(status, false));
}

/** Amp needs its own service behind the proxy; without `ampcode.upstream-url` its status says so. */
export const AMP_UPSTREAM_NOTE = "Amp's own API (account, threads) also goes through the proxy: set ampcode.upstream-url (https://ampcode.com) in config.yaml, or Amp stops at its first request.";

function withAmpNote(status: ClientStatus, runtime: Runtime): ClientStatus {
  if (status.id !== 'amp' || runtime.current().config.ampcode.upstreamUrl) return status;
  return { ...status, message: `${status.message} ${AMP_UPSTREAM_NOTE}` };
}

export function registerClientRoutes(router: Router, services: ManagementServices): void {
  const base = `${MANAGEMENT_BASE}/clients`;
  const setupOf = (): ClientSetup => {
    if (!services.clientSetup) throw managementError(404, 'Client setup is not available in this proxy (it was started without a home folder to write to).');
    return services.clientSetup;
  };
  const target = (body: { model?: string; smallModel?: string } = {}): SetupTarget => proxySetupTarget(services.runtime, services.address(), body);
  const localOnly = (context: RouteContext) => {
    if (!context.isLoopback) throw new ProxyError('Client setup writes files in the home folder of the machine the proxy runs on, so it is only available from that machine.', { status: 403, code: 'forbidden' });
  };
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw toManagementError(error);
    }
  };

  router.add('GET', base, managed(services, async ({ res }) => {
    const setupTarget = target();
    const clients = await guarded(() => setupOf().list(setupTarget));
    sendJson(res, 200, { baseUrl: setupTarget.baseUrl, models: [...setupTarget.models], clients: clients.map((status) => view(withAmpNote(status, services.runtime), false)) } satisfies ClientsResponse);
  }));

  router.add('GET', `${base}/:id`, managed(services, async ({ res, params, url }) => {
    const status = await guarded(() => setupOf().status(params.id as string, target()));
    sendJson(res, 200, view(withAmpNote(status, services.runtime), url.searchParams.get('reveal') === 'true'));
  }));

  router.add('POST', `${base}/:id/preview`, managed(services, async (context) => {
    const body = await readManagementBody(context, clientSetupBodySchema);
    const setupTarget = target(body);
    const id = context.params.id as string;
    const result = await guarded(async () => {
      const plan = await setupOf().preview(id, setupTarget);
      return { client: view(await setupOf().status(id, setupTarget), false), files: plan.files.map(fileChange) } satisfies ClientPreviewResponse;
    });
    sendJson(context.res, 200, result);
  }));

  router.add('POST', `${base}/:id/apply`, managed(services, async (context) => {
    localOnly(context);
    const body = await readManagementBody(context, clientSetupBodySchema);
    const id = context.params.id as string;
    const result = await guarded(() => setupOf().apply(id, target(body)));
    services.log('info', `client setup: ${id} ${result.written.length > 0 ? `wrote ${result.written.length} file(s)` : 'already set up'}`, { client: id });
    sendJson(context.res, 200, { client: view(result.status, false), files: result.plan.files.map(fileChange), written: result.written, backups: result.backups } satisfies ClientApplyResponse);
  }));

  router.add('POST', `${base}/:id/revert`, managed(services, async (context) => {
    localOnly(context);
    const body = await readManagementBody(context, clientRevertBodySchema);
    const id = context.params.id as string;
    const result = await guarded(() => setupOf().revert(id, target(), { force: body.force === true }));
    services.log('info', `client setup: ${id} reverted`, { client: id });
    sendJson(context.res, 200, { client: view(result.status, false), restored: result.restored, removed: result.removed } satisfies ClientRevertResponse);
  }));
}
