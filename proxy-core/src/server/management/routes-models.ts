import { sendJson } from '../respond.js';
import type { Router } from '../router.js';
import { MANAGEMENT_BASE, modelPatchSchema, type ModelPatchResult, type ModelsResponse, type ModelView } from './contract.js';
import { planModelOff, planModelOn } from './model-switch.js';
import { managed, managementError, readManagementBody } from './respond-management.js';
import { credentialState } from './routes-credentials.js';
import type { ManagementServices } from './services.js';

/** The model inventory (who serves what, who is next, what is switched off) and the per-model switch. */
export function registerModelRoutes(router: Router, services: ManagementServices): void {
  const base = MANAGEMENT_BASE;

  router.add('GET', `${base}/models`, managed(services, ({ res }) => {
    const state = services.runtime.current();
    const now = services.clock.now();
    const models: ModelView[] = state.registry.list().map((model) => {
      const bindings = state.registry.bindings(model.id) ?? [];
      const available = (binding: (typeof bindings)[number]) => services.runtime.cooldowns.blockedUntil(binding.credential.id, binding.upstreamModel, now) === 0;
      const next = state.selector.peek(bindings, model.id, available)[0]?.credential.id ?? null;
      const origins = new Map(state.registry.sources(model.id).map((source) => [source.credential.id, source.origins]));
      return {
        id: model.id,
        ownedBy: model.ownedBy,
        sources: [...model.sources],
        next,
        credentials: bindings.map((binding) => {
          const until = services.runtime.cooldowns.blockedUntil(binding.credential.id, binding.upstreamModel, now);
          return {
            sources: [...(origins.get(binding.credential.id) ?? [])],
            id: binding.credential.id,
            label: binding.credential.label,
            group: binding.credential.group,
            upstreamModel: binding.upstreamModel,
            state: credentialState(binding.credential, until > 0, true),
            cooldownUntil: until > 0 ? new Date(until).toISOString() : null,
          };
        }),
      };
    });
    const hidden = state.registry.hidden().map((model) => ({ id: model.id, groups: [...model.groups] }));
    const chains = state.config.modelChains.map((chain) => ({ name: chain.name, models: [...chain.models] }));
    sendJson(res, 200, { models, hidden, chains } satisfies ModelsResponse);
  }));

  // Each plan is computed inside the config write queue, from the config it is applied to (list indexes).
  router.add('PATCH', `${base}/models/:id`, managed(services, async (context) => {
    const id = context.params.id;
    const { enabled } = await readManagementBody(context, modelPatchSchema);
    let lists: string[] = [];
    let changed = false;
    const result = await services.config.update(() => {
      const state = services.runtime.current();
      const sources = state.registry.sources(id);
      const hidden = state.registry.hiddenSources(id);
      if (sources.length === 0 && hidden.length === 0) {
        throw managementError(404, `No model "${id}" is served or switched off here. List the models with GET ${base}/models (ids with "/" must be URL-encoded).`);
      }
      const plan = enabled ? planModelOn(state.configText, hidden) : planModelOff(state.configText, sources);
      lists = plan.lists;
      changed = plan.changes.length > 0;
      return plan.changes;
    });
    const { persisted, reason } = result;
    if (changed) services.log('info', `model ${id} switched ${enabled ? 'on' : 'off'} (${lists.join(', ')})${persisted ? '' : ' (not saved: config is read-only)'}`);
    const served = (services.runtime.current().registry.bindings(id) ?? []).length > 0;
    const run: ModelPatchResult = { ok: true, persisted, ...(reason ? { reason } : {}), id, enabled: served, changed: lists };
    sendJson(context.res, 200, run);
  }));
}
