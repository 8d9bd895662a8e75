import { createStore } from 'zustand/vanilla';
import { toApiError, type ManagementClient, type RecentQuery, type ReplayResponse, type UsageRecordView } from '../../api/index.js';
import { createLoader, emptyResource, type Resource } from '../../stores/index.js';

export interface RequestFilters {
  provider: string;
  model: string;
  clientKey: string;
  /** '' (all), 'success', 'failure' or an HTTP status typed by the user. */
  status: string;
}

export interface RequestBodies {
  requestId: string;
  /** The request log file's text, or null when there is none (`missing` says why). */
  text: string | null;
  missing: string | null;
  loading: boolean;
}

export interface ReplayState {
  requestId: string;
  busy: boolean;
  result: ReplayResponse | null;
  error: string | null;
}

export interface RequestsState {
  filters: RequestFilters;
  rows: Resource<UsageRecordView[]>;
  selectedId: string | null;
  bodies: RequestBodies | null;
  replay: ReplayState | null;
  setFilters(patch: Partial<RequestFilters>): Promise<void>;
  load(): Promise<void>;
  select(requestId: string | null): Promise<void>;
  replayRequest(requestId: string): Promise<void>;
}

export type RequestsStore = ReturnType<typeof createRequestsStore>;

const PAGE = 200;

/** The filters as the `GET /usage/recent` query: blanks are left out. */
export function recentQuery(filters: RequestFilters): RecentQuery {
  const status = filters.status.trim();
  return {
    limit: PAGE,
    ...(filters.provider.trim() ? { provider: filters.provider.trim() } : {}),
    ...(filters.model.trim() ? { model: filters.model.trim() } : {}),
    ...(filters.clientKey.trim() ? { clientKey: filters.clientKey.trim() } : {}),
    ...(status === 'success' || status === 'failure' ? { status } : /^\d{3}$/.test(status) ? { status: Number(status) } : {}),
  };
}

/** The per-request table: recent requests with filters, one request's logged bodies, and replays. */
export function createRequestsStore(client: ManagementClient, clock: { now(): number }) {
  return createStore<RequestsState>()((set, get) => {
    const rows = createLoader(set, get, 'rows', () => clock.now());
    const load = async () => {
      await rows(() => client.getRequests(recentQuery(get().filters)));
    };
    return {
      filters: { provider: '', model: '', clientKey: '', status: '' },
      rows: emptyResource(),
      selectedId: null,
      bodies: null,
      replay: null,
      async setFilters(patch) {
        set({ filters: { ...get().filters, ...patch } });
        await load();
      },
      load,
      async select(requestId) {
        set({ selectedId: requestId, bodies: requestId ? { requestId, text: null, missing: null, loading: true } : null, replay: null });
        if (!requestId) return;
        try {
          const text = await client.getRequestLog(requestId);
          if (get().selectedId === requestId) set({ bodies: { requestId, text, missing: null, loading: false } });
        } catch (error) {
          if (get().selectedId === requestId) set({ bodies: { requestId, text: null, missing: toApiError(error).message, loading: false } });
        }
      },
      async replayRequest(requestId) {
        set({ replay: { requestId, busy: true, result: null, error: null } });
        try {
          const result = await client.replayRequest(requestId);
          set({ replay: { requestId, busy: false, result, error: null } });
          await load();
        } catch (error) {
          set({ replay: { requestId, busy: false, result: null, error: toApiError(error).message } });
        }
      },
    };
  });
}
