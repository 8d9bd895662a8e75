/** The LAN switch's state for Settings: where the proxy listens, and switching it (GET/PUT /network). */
import { createStore } from 'zustand/vanilla';
import type { ManagementClient, NetworkPatchResult, NetworkView } from '../../api/index.js';

export interface NetworkState {
  network: NetworkView | null;
  busy: boolean;
  error: string | null;
  /** The last switch's answer (says whether config.yaml was written). */
  lastWrite: NetworkPatchResult | null;
  load(): Promise<void>;
  setLan(lan: boolean): Promise<void>;
}

export type NetworkStore = ReturnType<typeof createNetworkStore>;

export function createNetworkStore(client: Pick<ManagementClient, 'getNetwork' | 'setLan'>, onChanged: () => void) {
  return createStore<NetworkState>()((set) => ({
    network: null,
    busy: false,
    error: null,
    lastWrite: null,
    async load() {
      try {
        set({ network: await client.getNetwork(), error: null });
      } catch (error) {
        set({ error: (error as Error).message });
      }
    },
    async setLan(lan) {
      set({ busy: true, error: null });
      try {
        const result = await client.setLan(lan);
        set({ busy: false, network: result, lastWrite: result });
        onChanged();
      } catch (error) {
        set({ busy: false, error: (error as Error).message });
      }
    },
  }));
}
