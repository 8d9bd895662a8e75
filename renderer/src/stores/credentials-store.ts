import { createStore } from 'zustand/vanilla';
import { toApiError, type AuthFileView, type CredentialView, type ManagementClient, type ProviderListKey, type WriteResult } from '../api/index.js';
import type { AccountRemoval, AccountRow } from './account-rows.js';
import { createLoader, emptyResource, type Resource } from './resource.js';
import { ENGLISH_SAY, type Say } from './say.js';
import { describeWrite, type ToastStore } from './toast-store.js';

export interface CredentialsState {
  credentials: Resource<CredentialView[]>;
  authFiles: Resource<AuthFileView[]>;
  /** Credential id → time of its latest request (from /usage/recent). */
  lastUsed: Resource<Map<string, number>>;
  /** Row ids with a write in flight (their controls are disabled). */
  busy: Record<string, boolean>;
  /** Credential ids that the last "add key" created (the table highlights them and scrolls them into view). */
  added: string[];
  load(): Promise<void>;
  loadAccountsPage(): Promise<void>;
  loadAuthFiles(): Promise<void>;
  setEnabled(row: AccountRow, enabled: boolean): Promise<void>;
  clearCooldown(id: string): Promise<void>;
  remove(row: AccountRow): Promise<void>;
  /** Appends a key entry to a provider list; resolves with the write result, rejects with the API error. */
  addKey(list: ProviderListKey, entry: Record<string, unknown>, what: string): Promise<WriteResult>;
  /** Imports a Vertex AI service-account key; resolves with the auth file written. */
  importVertexKey(keyJson: string, location: string): Promise<string>;
}

export type CredentialsStore = ReturnType<typeof createCredentialsStore>;

export function createCredentialsStore(client: ManagementClient, toasts: ToastStore, clock: { now(): number }, say: Say = ENGLISH_SAY) {
  return createStore<CredentialsState>()((set, get) => {
    const now = () => clock.now();
    const credentials = createLoader(set, get, 'credentials', now);
    const authFiles = createLoader(set, get, 'authFiles', now);
    const lastUsed = createLoader(set, get, 'lastUsed', now);
    const toast = toasts.getState();
    const setBusy = (id: string, value: boolean) => {
      const busy = { ...get().busy };
      if (value) busy[id] = true;
      else delete busy[id];
      set({ busy });
    };
    const reload = () => credentials(client.listCredentials);

    const withBusy = async (id: string, work: () => Promise<void>) => {
      setBusy(id, true);
      try {
        await work();
      } catch (error) {
        toast.show('error', toApiError(error).message);
      } finally {
        setBusy(id, false);
      }
    };

    return {
      credentials: emptyResource(),
      authFiles: emptyResource(),
      lastUsed: emptyResource(),
      busy: {},
      added: [],

      async load() {
        await reload();
      },

      async loadAuthFiles() {
        await authFiles(client.listAuthFiles);
      },

      async loadAccountsPage() {
        await Promise.all([
          reload(),
          authFiles(client.listAuthFiles),
          lastUsed(async () => {
            const latest = new Map<string, number>();
            for (const record of await client.getRecentUsage(500)) {
              if (record.credentialId && (latest.get(record.credentialId) ?? 0) < record.time) latest.set(record.credentialId, record.time);
            }
            return latest;
          }),
        ]);
      },

      async setEnabled(row, enabled) {
        const toggle = row.toggle;
        if (!toggle) return;
        await withBusy(row.id, async () => {
          if (toggle.type === 'credential') {
            // Optimistic: flip the switch now, put it back if the proxy refuses.
            const before = get().credentials;
            if (before.data) {
              set({ credentials: { ...before, data: before.data.map((item) => (item.id === toggle.id ? { ...item, disabled: !enabled, state: enabled ? 'active' : 'disabled' } : item)) } });
            }
            try {
              const result = await client.setCredentialDisabled(toggle.id, !enabled);
              const latest = get().credentials;
              if (latest.data) set({ credentials: { ...latest, data: latest.data.map((item) => (item.id === toggle.id ? result.credential : item)) } });
              const outcome = describeWrite(result, say(enabled ? 'what.enabled' : 'what.disabled', { name: row.label }), say);
              toast.show(outcome.tone, outcome.message);
            } catch (error) {
              set({ credentials: { ...get().credentials, data: before.data } });
              throw error;
            }
          } else {
            await client.setAuthFileDisabled(toggle.name, !enabled);
            toast.show('success', say(enabled ? 'account.enabled' : 'account.disabled', { name: row.label }));
            await authFiles(client.listAuthFiles);
          }
          await reload();
        });
      },

      async clearCooldown(id) {
        await withBusy(id, async () => {
          const result = await client.clearCooldowns(id);
          toast.show('success', result.cleared > 0 ? say('account.cooldownsCleared', { cleared: result.cleared }) : say('account.noCooldownActive'));
          await reload();
        });
      },

      async remove(row) {
        const removal: AccountRemoval | null = row.removal;
        if (!removal) return;
        await withBusy(row.id, async () => {
          if (removal.type === 'auth-file') {
            await client.deleteAuthFile(removal.name);
            toast.show('success', say('account.deleted', { name: removal.name }));
          } else {
            const result = await client.deleteProviderEntry(removal.list, removal.wholeProvider ? { name: removal.name } : { index: removal.index });
            const outcome = describeWrite(result, say('what.removed', { name: removal.wholeProvider ? removal.name : row.label }), say);
            toast.show(outcome.tone, outcome.message);
          }
          await Promise.all([reload(), authFiles(client.listAuthFiles)]);
        });
      },

      async importVertexKey(keyJson, location) {
        const result = await client.importVertexKey(keyJson, location);
        toast.show('success', `Vertex AI service account ${result.email} (${result.project_id}, ${result.location}) imported to ${result['auth-file']}.`);
        await Promise.all([reload(), authFiles(client.listAuthFiles)]);
        return result['auth-file'];
      },

      async addKey(list, entry, what) {
        const before = new Set((get().credentials.data ?? []).map((credential) => credential.id));
        const result = await client.appendProviderEntry(list, entry);
        const outcome = describeWrite(result, what, say);
        toast.show(outcome.tone, outcome.message);
        await reload();
        set({ added: (get().credentials.data ?? []).filter((credential) => !before.has(credential.id)).map((credential) => credential.id) });
        return result;
      },
    };
  });
}
