import { createStore } from 'zustand/vanilla';
import {
  PROVIDER_LIST_KEYS,
  toApiError,
  type ClientModel,
  type CredentialView,
  type HiddenModelView,
  type ManagementClient,
  type ModelListsResponse,
  type ModelView,
  type UnservedModelView,
  type ProviderEntry,
  type ProviderListKey,
} from '../api/index.js';
import { createLoader, emptyResource, type Resource } from './resource.js';
import { ENGLISH_SAY, type Say } from './say.js';
import { describeWrite, type Toast, type ToastStore } from './toast-store.js';

export interface ClientView {
  models: ClientModel[];
  /** The masked client key the list was fetched with; null when the proxy has no client keys. */
  keyLabel: string | null;
}

export interface ModelsState {
  models: Resource<ModelView[]>;
  /** Models switched off everywhere (GET /models `hidden`), refreshed with `models`. */
  hiddenModels: HiddenModelView[];
  clientView: Resource<ClientView>;
  providerLists: Resource<Record<ProviderListKey, ProviderEntry[]>>;
  /** Each account's live model list status (GET /model-lists). */
  modelLists: Resource<ModelListsResponse>;
  /** Ids clients asked for in the last 24 h that got 404 (GET /models/unserved). */
  unserved: Resource<UnservedModelView[]>;
  busy: Record<string, boolean>;
  load(): Promise<void>;
  /** Everything the Models page shows (on open and after a change). */
  loadPage(): Promise<void>;
  /** What changes while the page is open: models, their state and the client view (each poll). */
  refresh(): Promise<void>;
  /** Hides `modelId` from one key entry's list by adding it to that entry's `excluded-models`. */
  hide(credential: CredentialView, modelId: string): Promise<void>;
  /** Removes one pattern from an entry's `excluded-models`. */
  unhide(list: ProviderListKey, index: number, pattern: string): Promise<void>;
  /** Switches a model off or on for every key and account that serves it (`PATCH /models/:id`). */
  setModelEnabled(modelId: string, enabled: boolean): Promise<void>;
  /** Asks the upstream for its model list now: one account, or all (`POST /model-lists/refresh`). */
  refreshLiveLists(credentialId?: string): Promise<void>;
  /** Writes a `model-mappings` rule `from → to` (`POST /model-mappings`). */
  mapModel(from: string, to: string): Promise<void>;
}

export type ModelsStore = ReturnType<typeof createModelsStore>;

/** The name to put in excluded-models: the model as the entry lists it (without the key's prefix). */
export function exclusionName(credential: Pick<CredentialView, 'prefix'>, modelId: string): string {
  return credential.prefix && modelId.startsWith(`${credential.prefix}/`) ? modelId.slice(credential.prefix.length + 1) : modelId;
}

/** Whether a model can be hidden per key entry from the dashboard (config entries; not account files). */
export function hideTarget(credential: CredentialView): { list: ProviderListKey; index: number } | null {
  const source = credential.source;
  if (source.type !== 'config' || !(PROVIDER_LIST_KEYS as readonly string[]).includes(source.yamlKey)) return null;
  return { list: source.yamlKey as ProviderListKey, index: source.index };
}

export function createModelsStore(client: ManagementClient, toasts: ToastStore, clock: { now(): number }, say: Say = ENGLISH_SAY) {
  return createStore<ModelsState>()((set, get) => {
    const now = () => clock.now();
    const models = createLoader(set, get, 'models', now);
    const clientView = createLoader(set, get, 'clientView', now);
    const providerLists = createLoader(set, get, 'providerLists', now);
    const modelLists = createLoader(set, get, 'modelLists', now);
    const unserved = createLoader(set, get, 'unserved', now);
    const loadLiveLists = () => modelLists(() => client.getModelLists());
    const loadUnserved = () => unserved(async () => (await client.getUnservedModels()).models);
    const toast = toasts.getState();

    const loadLists = () =>
      providerLists(async () => {
        const lists = await Promise.all(PROVIDER_LIST_KEYS.map((key) => client.getProviderList(key)));
        return Object.fromEntries(PROVIDER_LIST_KEYS.map((key, index) => [key, lists[index]])) as Record<ProviderListKey, ProviderEntry[]>;
      });
    // The client key used to look at /v1/models is kept here, never in the state, and re-read on open.
    let clientKey: { value: string | null; label: string | null } | null = null;
    const loadClientView = (fresh: boolean) =>
      clientView(async () => {
        if (fresh || !clientKey) {
          const [masked, revealed] = await Promise.all([client.getClientKeys(false), client.getClientKeys(true)]);
          clientKey = { value: revealed[0] ?? null, label: masked[0] ?? null };
        }
        try {
          return { models: await client.listClientModels(clientKey.value), keyLabel: clientKey.label };
        } catch (error) {
          clientKey = null;
          throw error;
        }
      });
    const loadModels = () =>
      models(async () => {
        const inventory = await client.getModels();
        set({ hiddenModels: inventory.hidden });
        return inventory.models;
      });
    const refreshAll = () => Promise.all([loadModels(), loadClientView(true), loadLists(), loadLiveLists(), loadUnserved()]);

    /** One write from the page: marked busy while it runs, its result toasted, then everything reloaded. */
    const write = async (busyKey: string, work: () => Promise<{ tone: Toast['tone']; message: string }>) => {
      set({ busy: { ...get().busy, [busyKey]: true } });
      try {
        const outcome = await work();
        toast.show(outcome.tone, outcome.message);
        await refreshAll();
      } catch (error) {
        toast.show('error', toApiError(error).message);
      } finally {
        const busy = { ...get().busy };
        delete busy[busyKey];
        set({ busy });
      }
    };

    const changeExclusions = (busyKey: string, list: ProviderListKey, index: number, change: (current: string[]) => string[], what: string) =>
      write(busyKey, async () => {
        const entries = await client.getProviderList(list);
        const entry = entries.find((item) => item.index === index);
        if (!entry) throw new Error(`The ${list} entry #${index + 1} no longer exists; the list changed. Reload the page.`);
        const next = change(entry['excluded-models'] ?? []);
        return describeWrite(await client.patchProviderEntry(list, { index }, { 'excluded-models': next.length > 0 ? next : null }), what, say);
      });

    return {
      models: emptyResource(),
      hiddenModels: [],
      clientView: emptyResource(),
      providerLists: emptyResource(),
      modelLists: emptyResource(),
      unserved: emptyResource(),
      busy: {},
      async load() {
        await loadModels();
      },
      async loadPage() {
        await refreshAll();
      },
      async refresh() {
        await Promise.all([loadModels(), loadClientView(false), loadLiveLists(), loadUnserved()]);
      },
      async hide(credential, modelId) {
        const target = hideTarget(credential);
        if (!target) return;
        const name = exclusionName(credential, modelId);
        await changeExclusions(`${credential.id}|${modelId}`, target.list, target.index, (current) => (current.includes(name) ? current : [...current, name]), say('what.hidden', { model: name, label: credential.label }));
      },
      async unhide(list, index, pattern) {
        await changeExclusions(`${list}|${index}|${pattern}`, list, index, (current) => current.filter((item) => item !== pattern), say('what.listedAgain', { model: pattern }));
      },
      async refreshLiveLists(credentialId) {
        await write(`lists|${credentialId ?? '*'}`, async () => {
          const answer = await client.refreshModelLists(credentialId);
          const asked = answer.lists.filter((list) => credentialId === undefined || list.credentialId === credentialId);
          const failed = asked.filter((list) => !list.ok);
          return failed.length > 0
            ? { tone: 'warning' as const, message: say('models.listsFailed', { failed: failed.length, asked: asked.length, details: failed.map((list) => `${list.label}: ${list.error}`).join('; ') }) }
            : { tone: 'success' as const, message: say('models.listsRefreshed', { lists: asked.map((list) => say('models.listCount', { label: list.label, listed: list.count })).join(', ') }) };
        });
      },
      async mapModel(from, to) {
        await write(`map|${from}`, async () => describeWrite(await client.addModelMapping(from, to), say('what.mapped', { from, to }), say));
      },
      async setModelEnabled(modelId, enabled) {
        await write(`model|${modelId}`, async () =>
          describeWrite(await client.setModelEnabled(modelId, enabled), say(enabled ? 'what.switchedOn' : 'what.switchedOff', { model: modelId }), say),
        );
      },
    };
  });
}
