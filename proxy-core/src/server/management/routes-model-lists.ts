import type { Router } from '../router.js';
import { sendJson } from '../respond.js';
import {
  MANAGEMENT_BASE,
  modelMappingSchema,
  type ModelListsResponse,
  type ModelListView,
  type ModelMappingResult,
  type UnservedModelsResponse,
} from './contract.js';
import { managed, managementError, readManagementBody } from './respond-management.js';
import type { ManagementServices } from './services.js';
import { parseDocumentValue } from './yaml-value.js';
import type { ModelListState } from '../../pipeline/model-list-refresher.js';

const DAY_MS = 86_400_000;
const iso = (time: number | undefined) => (time === undefined ? null : new Date(time).toISOString());

/**
 * Live model lists per credential (status and "refresh now"), the models clients asked for that nobody serves,
 * and the one-click mapping rule that answers them.
 */
export function registerModelListRoutes(router: Router, services: ManagementServices): void {
  const base = MANAGEMENT_BASE;

  const refresher = () => {
    if (!services.modelLists) throw managementError(404, 'Live model lists are not available in this process.');
    return services.modelLists;
  };
  const view = (state: ModelListState): ModelListView | undefined => {
    const credential = services.runtime.current().credentialsById.get(state.credentialId);
    if (!credential) return undefined;
    return {
      credentialId: state.credentialId,
      label: credential.label,
      group: credential.group,
      provider: credential.provider,
      count: state.models.length,
      models: state.models.map((model) => model.id),
      checkedAt: iso(state.checkedAt),
      okAt: iso(state.okAt),
      ok: state.checkedAt !== undefined && state.error === undefined,
      error: state.error ?? null,
      nextAt: iso(state.nextAt),
      running: state.running,
    };
  };
  const respond = (states: ModelListState[]): ModelListsResponse => ({
    refreshEverySeconds: Math.round(services.runtime.current().config.modelListRefreshMs / 1000),
    lists: states.flatMap((state) => view(state) ?? []),
  });

  router.add('GET', `${base}/model-lists`, managed(services, ({ res }) => {
    sendJson(res, 200, respond(refresher().status()));
  }));

  router.add('POST', `${base}/model-lists/refresh`, managed(services, async ({ res, url }) => {
    const credential = url.searchParams.get('credential') ?? undefined;
    const lists = refresher();
    try {
      await lists.refresh(credential);
    } catch (error) {
      throw managementError(404, `${(error as Error).message} See GET ${base}/model-lists for the ones that have.`);
    }
    sendJson(res, 200, respond(lists.status()));
  }));

  router.add('GET', `${base}/models/unserved`, managed(services, ({ res }) => {
    const since = services.clock.now() - DAY_MS;
    const models = services.usage.unserved(since).map((row) => ({ model: row.model, count: row.count, lastAt: new Date(row.lastAt).toISOString(), clientKeys: row.clientKeys }));
    sendJson(res, 200, { since: new Date(since).toISOString(), models } satisfies UnservedModelsResponse);
  }));

  router.add('POST', `${base}/model-mappings`, managed(services, async (context) => {
    const { from, to } = await readManagementBody(context, modelMappingSchema);
    if (from === to) throw managementError(400, `Invalid body: to: mapping "${from}" to itself changes nothing; choose a model that is served.`);
    // The index is computed from the text the write applies to (inside the config write queue), so concurrent
    // clicks and other management writes append at the right place.
    let index = 0;
    const result = await services.config.update((text) => {
      const existing = parseDocumentValue(text)['model-mappings'];
      if (existing !== undefined && existing !== null && !Array.isArray(existing)) {
        throw managementError(409, 'model-mappings in config.yaml is not a list of rules; fix it in the config editor, then try again.', { key: 'model-mappings' });
      }
      index = Array.isArray(existing) ? existing.length : 0;
      return [{ path: ['model-mappings', index], value: { from, to } }];
    });
    services.log('info', `model mapping added: ${from} → ${to}${result.persisted ? '' : ' (not saved: config is read-only)'}`);
    const run = { ...result, from, to, index } satisfies ModelMappingResult;
    sendJson(context.res, 200, run);
  }));
}
