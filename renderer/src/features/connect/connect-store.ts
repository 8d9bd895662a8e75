import { createStore } from 'zustand/vanilla';
import { toApiError, type ClientFileChange, type ClientSetupView, type ClientsResponse, type ManagementClient } from '../../api/index.js';
import { ENGLISH_SAY, type Say, type ToastStore } from '../../stores/index.js';

export interface ClientChoice {
  model?: string;
  smallModel?: string;
}

export interface ConnectState {
  availability: 'loading' | 'available' | 'unavailable' | 'error';
  baseUrl: string;
  models: string[];
  clients: ClientSetupView[];
  error: string | null;
  /** Per client: the model choice in its card. */
  choices: Record<string, ClientChoice>;
  /** Per client: the last preview's files (shown as diffs until applied or closed). */
  previews: Record<string, ClientFileChange[]>;
  busy: Record<string, 'preview' | 'apply' | 'revert'>;
  /** Per client: the last failure, or what the last action did. */
  notes: Record<string, { tone: 'success' | 'error' | 'warn'; message: string; canForce?: boolean }>;
  load(): Promise<void>;
  choose(id: string, choice: ClientChoice): void;
  preview(id: string): Promise<void>;
  closePreview(id: string): void;
  apply(id: string): Promise<void>;
  revert(id: string, force?: boolean): Promise<void>;
  /** The client with its real key and import link (copy buttons, "Open in…"). */
  reveal(id: string): Promise<ClientSetupView | null>;
}

export type ConnectStore = ReturnType<typeof createConnectStore>;

const fileName = (file: string) => file.split(/[\\/]/).slice(-2).join('/');

/** "Connect your tools": every client's setup status from `/clients`, with preview, apply and revert. */
export function createConnectStore(client: ManagementClient, toasts: ToastStore, say: Say = ENGLISH_SAY) {
  return createStore<ConnectState>()((set, get) => {
    const patch = <K extends 'previews' | 'busy' | 'notes'>(key: K, id: string, value: ConnectState[K][string] | null) => {
      const next = { ...get()[key] } as Record<string, unknown>;
      if (value === null) delete next[id];
      else next[id] = value;
      set({ [key]: next } as Partial<ConnectState>);
    };
    const replace = (view: ClientSetupView) => set({ clients: get().clients.map((item) => (item.id === view.id ? view : item)) });
    const choiceOf = (id: string) => {
      const choice = get().choices[id] ?? {};
      return { ...(choice.model ? { model: choice.model } : {}), ...(choice.smallModel ? { smallModel: choice.smallModel } : {}) };
    };
    const failed = (id: string, raw: unknown, action: 'preview' | 'apply' | 'revert' | 'reveal') => {
      const error = toApiError(raw);
      patch('notes', id, { tone: 'error', message: say(`connect.failed.${action}`, { error: error.message }), ...(error.status === 409 && action === 'revert' ? { canForce: true } : {}) });
    };

    return {
      availability: 'loading',
      baseUrl: '',
      models: [],
      clients: [],
      error: null,
      choices: {},
      previews: {},
      busy: {},
      notes: {},

      async load() {
        try {
          const body: ClientsResponse = await client.listClients();
          set({ availability: 'available', baseUrl: body.baseUrl, models: body.models, clients: body.clients, error: null });
        } catch (raw) {
          const error = toApiError(raw);
          if (error.notAvailable) set({ availability: 'unavailable', error: null });
          else set({ availability: get().clients.length > 0 ? 'available' : 'error', error: error.message });
        }
      },

      choose(id, choice) {
        set({ choices: { ...get().choices, [id]: { ...get().choices[id], ...choice } } });
        patch('previews', id, null);
      },

      async preview(id) {
        patch('busy', id, 'preview');
        patch('notes', id, null);
        try {
          const result = await client.previewClient(id, choiceOf(id));
          replace(result.client);
          const changed = result.files.filter((file) => file.changed);
          if (changed.length === 0) patch('notes', id, { tone: 'success', message: say('connect.nothingWould') });
          patch('previews', id, changed.length > 0 ? result.files : null);
        } catch (raw) {
          failed(id, raw, 'preview');
        } finally {
          patch('busy', id, null);
        }
      },

      closePreview(id) {
        patch('previews', id, null);
      },

      async apply(id) {
        patch('busy', id, 'apply');
        patch('notes', id, null);
        try {
          const result = await client.applyClient(id, choiceOf(id));
          replace(result.client);
          patch('previews', id, null);
          const message = result.written.length === 0 ? say('connect.nothingChanged') : say(result.backups.length > 0 ? 'connect.wroteBackedUp' : 'connect.wrote', { files: result.written.map(fileName).join(', ') });
          patch('notes', id, { tone: 'success', message });
          toasts.getState().show('success', say('connect.pointsHere', { name: result.client.name }));
        } catch (raw) {
          failed(id, raw, 'apply');
        } finally {
          patch('busy', id, null);
        }
      },

      async revert(id, force = false) {
        patch('busy', id, 'revert');
        patch('notes', id, null);
        try {
          const result = await client.revertClient(id, force);
          replace(result.client);
          patch('previews', id, null);
          const parts = [...result.restored.map((file) => say('connect.restoredFile', { file: fileName(file) })), ...result.removed.map((file) => say('connect.removedFile', { file: fileName(file) }))];
          patch('notes', id, { tone: 'success', message: say('connect.reverted', { parts: parts.join(', ') || say('connect.nothingToRestore') }) });
        } catch (raw) {
          failed(id, raw, 'revert');
        } finally {
          patch('busy', id, null);
        }
      },

      async reveal(id) {
        try {
          return await client.getClient(id, true);
        } catch (raw) {
          failed(id, raw, 'reveal');
          return null;
        }
      },
    };
  });
}
