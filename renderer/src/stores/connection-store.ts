import { ENGLISH_SAY, type Say } from './say.js';
import { createStore } from 'zustand/vanilla';
import { toApiError, type Connection, type ManagementApiError, type StatusResponse } from '../api/index.js';

/** What the Electron preload exposes as `window.desktop` (the part the dashboard uses). */
export interface DesktopBridge {
  getManagementConnection(): Promise<{ baseUrl: string; key: string }>;
  /** Opens an http(s) address in the system browser (newer app versions). */
  openExternal?(url: string): Promise<void>;
  /** Tells the app which language the dashboard uses, so the tray follows it (newer app versions). */
  setLanguage?(preference: 'system' | 'en' | 'zh-CN'): Promise<unknown>;
}

export interface KeyStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type ConnectionPhase = 'connecting' | 'need-key' | 'verifying' | 'ready' | 'failed';

export interface ConnectionState {
  phase: ConnectionPhase;
  mode: 'desktop' | 'browser';
  baseUrl: string;
  /** Why the key is asked for again, or why connecting failed. */
  message: string | null;
  remembered: boolean;
  /** Reads the desktop connection or the stored key and checks it against the proxy. */
  connect(): Promise<void>;
  /** Browser: the key typed into the form; kept in sessionStorage, or localStorage when `remember`. */
  submitKey(key: string, remember: boolean): Promise<void>;
  /** The proxy answered 401: forget the key and ask again (desktop: fetch the connection again, once). */
  handleUnauthorized(): void;
  /** Browser: forget the key on this device. */
  signOut(): void;
}

export interface ConnectionDeps {
  desktop?: DesktopBridge;
  /** The page's origin (the proxy serving /ui). */
  origin: string;
  sessionStorage: KeyStorage;
  localStorage: KeyStorage;
  /** Checks a candidate connection (GET /status with that key). */
  verify(connection: Connection): Promise<StatusResponse>;
  /** The screen's messages in the dashboard's language (English without one). */
  say?: Say;
}

export const KEY_STORAGE_NAME = 'cliproxy.management-key';

export type ConnectionStore = ReturnType<typeof createConnectionStore>;

/**
 * Where the dashboard talks to and with which key. The key itself lives in a closure (`current()`), never
 * in the store state, so nothing that renders state can show it.
 */
export function createConnectionStore(deps: ConnectionDeps) {
  const say = deps.say ?? ENGLISH_SAY;
  let connection: Connection = { baseUrl: trimSlash(deps.origin), key: null };
  let desktopRetried = false;

  const storedKey = () => deps.localStorage.getItem(KEY_STORAGE_NAME) ?? deps.sessionStorage.getItem(KEY_STORAGE_NAME);
  const forgetKey = () => {
    deps.localStorage.removeItem(KEY_STORAGE_NAME);
    deps.sessionStorage.removeItem(KEY_STORAGE_NAME);
  };

  const store = createStore<ConnectionState>()((set, get) => {
    const attempt = async (candidate: Connection): Promise<ManagementApiError | null> => {
      connection = candidate;
      try {
        await deps.verify(candidate);
        return null;
      } catch (error) {
        connection = { ...candidate, key: null };
        return toApiError(error);
      }
    };

    const connectDesktop = async () => {
      set({ phase: 'connecting', message: null });
      let fromApp: { baseUrl: string; key: string };
      try {
        fromApp = await deps.desktop!.getManagementConnection();
      } catch (error) {
        set({ phase: 'failed', message: say('signIn.noHandover', { error: (error as Error).message }) });
        return;
      }
      const failure = await attempt({ baseUrl: trimSlash(fromApp.baseUrl), key: fromApp.key });
      set(failure ? { phase: 'failed', message: explain(failure, say), baseUrl: trimSlash(fromApp.baseUrl) } : { phase: 'ready', message: null, baseUrl: trimSlash(fromApp.baseUrl) });
      if (!failure) desktopRetried = false;
    };

    return {
      phase: 'connecting',
      mode: deps.desktop ? 'desktop' : 'browser',
      baseUrl: connection.baseUrl,
      message: null,
      remembered: deps.localStorage.getItem(KEY_STORAGE_NAME) !== null,

      async connect() {
        if (deps.desktop) return connectDesktop();
        const key = storedKey();
        if (!key) {
          set({ phase: 'need-key' });
          return;
        }
        set({ phase: 'verifying', message: null });
        const failure = await attempt({ baseUrl: connection.baseUrl, key });
        if (!failure) set({ phase: 'ready', message: null });
        else if (failure.kind === 'unauthorized') {
          forgetKey();
          set({ phase: 'need-key', remembered: false, message: say('signIn.savedKeyRejected') });
        } else set({ phase: 'need-key', message: explain(failure, say) });
      },

      async submitKey(key, remember) {
        const trimmed = key.trim();
        if (!trimmed) {
          set({ phase: 'need-key', message: say('signIn.enterKey') });
          return;
        }
        set({ phase: 'verifying', message: null });
        const failure = await attempt({ baseUrl: connection.baseUrl, key: trimmed });
        if (failure) {
          set({ phase: 'need-key', message: explain(failure, say) });
          return;
        }
        forgetKey();
        (remember ? deps.localStorage : deps.sessionStorage).setItem(KEY_STORAGE_NAME, trimmed);
        set({ phase: 'ready', message: null, remembered: remember });
      },

      handleUnauthorized() {
        const { phase } = get();
        if (phase !== 'ready') return;
        connection = { ...connection, key: null };
        if (deps.desktop) {
          if (desktopRetried) {
            set({ phase: 'failed', message: say('signIn.appKeyRejected') });
            return;
          }
          desktopRetried = true;
          void connectDesktop();
          return;
        }
        forgetKey();
        set({ phase: 'need-key', remembered: false, message: say('signIn.keyChanged') });
      },

      signOut() {
        forgetKey();
        connection = { ...connection, key: null };
        set({ phase: 'need-key', remembered: false, message: null });
      },
    };
  });

  return Object.assign(store, { current: (): Connection => connection });
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** A failed key check, in words: what happened and how to recover. */
export function explain(error: ManagementApiError, say: Say = ENGLISH_SAY): string {
  // Too many wrong keys: the proxy's message says how long to wait and how to lift it (doctor --fix, Troubleshooting).
  if (error.code === 'throttled' || error.code === 'banned') return error.message;
  if (error.kind === 'unauthorized') {
    const left = /\((\d+) more wrong key/.exec(error.message)?.[1];
    return say('signIn.wrongKey') + (left ? say('signIn.triesLeft', { left }) : '');
  }
  if (error.status === 403) return error.message;
  if (error.status === 404) return say('signIn.managementOff');
  return error.message;
}
