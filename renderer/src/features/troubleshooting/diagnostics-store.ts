import { createStore } from 'zustand/vanilla';
import { toApiError, type DiagnosticCheck, type ManagementClient } from '../../api/index.js';
import { ENGLISH_SAY, type Say, type ToastStore } from '../../stores/index.js';

export type DiagnosticsAvailability = 'loading' | 'available' | 'unavailable' | 'error';

export interface DiagnosticsState {
  availability: DiagnosticsAvailability;
  checks: DiagnosticCheck[];
  error: string | null;
  /** Check ids being run or fixed. */
  running: Record<string, 'run' | 'fix'>;
  /** Checks run (or fixed) in this session: their result is fresh, with evidence. */
  ran: Record<string, boolean>;
  /** Per check, the last run/fix failure or fix message (and a page to open, when the fix started a login). */
  notes: Record<string, { tone: 'success' | 'error'; message: string; link?: { url: string; label: string } }>;
  load(): Promise<void>;
  run(id: string): Promise<void>;
  runAll(): Promise<void>;
  fix(id: string): Promise<void>;
}

export type DiagnosticsStore = ReturnType<typeof createDiagnosticsStore>;

/** The troubleshooting matrix as live checks (`/diagnostics`); older proxies answer 404 ("not available"). */
export function createDiagnosticsStore(client: ManagementClient, toasts: ToastStore, say: Say = ENGLISH_SAY) {
  return createStore<DiagnosticsState>()((set, get) => {
    const replace = (check: DiagnosticCheck) => set({ checks: get().checks.map((item) => (item.id === check.id ? check : item)) });
    const setRunning = (id: string, value: 'run' | 'fix' | null) => {
      const running = { ...get().running };
      if (value) running[id] = value;
      else delete running[id];
      set({ running });
    };
    const note = (id: string, value: { tone: 'success' | 'error'; message: string; link?: { url: string; label: string } } | null) => {
      const notes = { ...get().notes };
      if (value) notes[id] = value;
      else delete notes[id];
      set({ notes });
    };

    const run = async (id: string) => {
      setRunning(id, 'run');
      note(id, null);
      try {
        replace(await client.runDiagnostic(id));
        set({ ran: { ...get().ran, [id]: true } });
      } catch (raw) {
        const error = toApiError(raw);
        if (error.notAvailable && error.status === 404 && get().checks.length === 0) set({ availability: 'unavailable' });
        else note(id, { tone: 'error', message: say('checks.runFailed', { error: error.message }) });
      } finally {
        setRunning(id, null);
      }
    };

    return {
      availability: 'loading',
      checks: [],
      error: null,
      running: {},
      ran: {},
      notes: {},

      async load() {
        if (get().checks.length === 0) set({ availability: 'loading' });
        try {
          const checks = await client.listDiagnostics();
          set({ availability: 'available', checks, error: null });
        } catch (raw) {
          const error = toApiError(raw);
          if (error.notAvailable) set({ availability: 'unavailable', error: null });
          else set({ availability: get().checks.length > 0 ? 'available' : 'error', error: error.message });
        }
      },

      run,

      async runAll() {
        await Promise.all(get().checks.map((check) => run(check.id)));
      },

      async fix(id) {
        setRunning(id, 'fix');
        note(id, null);
        try {
          const result = await client.fixDiagnostic(id);
          if (result.check) replace(result.check);
          set({ ran: { ...get().ran, [id]: true } });
          note(id, { tone: result.ok ? 'success' : 'error', message: result.message, link: result.link });
          toasts.getState().show(result.ok ? 'success' : 'error', result.message);
        } catch (raw) {
          note(id, { tone: 'error', message: say('checks.fixFailed', { error: toApiError(raw).message }) });
        } finally {
          setRunning(id, null);
        }
      },
    };
  });
}
