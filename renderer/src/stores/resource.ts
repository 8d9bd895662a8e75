import { toApiError, type ManagementApiError } from '../api/index.js';

/** One piece of server data: the last good value survives a failed refresh (shown with the error). */
export interface Resource<T> {
  data: T | null;
  error: ManagementApiError | null;
  loading: boolean;
  updatedAt: number | null;
}

export function emptyResource<T>(): Resource<T> {
  return { data: null, error: null, loading: false, updatedAt: null };
}

type Setter<S> = (partial: Partial<S> | ((state: S) => Partial<S>)) => void;

/**
 * Loads into `state[key]`, one request at a time per resource (a poll tick while a slow request is still
 * running reuses it). Returns the data, or null after an error (which is kept in the resource).
 */
export function createLoader<S, K extends keyof S>(set: Setter<S>, get: () => S, key: K, now: () => number) {
  let pending: Promise<unknown> | null = null;
  type Data = S[K] extends Resource<infer T> ? T : never;
  return (load: () => Promise<Data>): Promise<Data | null> => {
    if (pending) return pending as Promise<Data | null>;
    const current = get()[key] as Resource<Data>;
    set({ [key]: { ...current, loading: true } } as Partial<S>);
    const run = (async () => {
      try {
        const data = await load();
        set({ [key]: { data, error: null, loading: false, updatedAt: now() } } as Partial<S>);
        return data;
      } catch (error) {
        const latest = get()[key] as Resource<Data>;
        set({ [key]: { ...latest, error: toApiError(error), loading: false } } as Partial<S>);
        return null;
      } finally {
        pending = null;
      }
    })();
    pending = run;
    return run;
  };
}
