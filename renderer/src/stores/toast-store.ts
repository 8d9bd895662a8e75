import { createStore } from 'zustand/vanilla';
import { ENGLISH_SAY, type Say } from './say.js';

export interface Toast {
  id: number;
  tone: 'success' | 'warning' | 'error' | 'info';
  message: string;
}

export interface ToastState {
  toasts: Toast[];
  show(tone: Toast['tone'], message: string): void;
  dismiss(id: number): void;
}

export type ToastStore = ReturnType<typeof createToastStore>;

/** Short confirmations ("Saved", "Applied but not saved") announced to screen readers. */
export function createToastStore(timers: { setTimeout(callback: () => void, ms: number): unknown }) {
  let next = 1;
  return createStore<ToastState>()((set, get) => ({
    toasts: [],
    show(tone, message) {
      const id = next++;
      set({ toasts: [...get().toasts.slice(-3), { id, tone, message }] });
      timers.setTimeout(() => get().dismiss(id), tone === 'error' || tone === 'warning' ? 9000 : 4500);
    },
    dismiss(id) {
      set({ toasts: get().toasts.filter((toast) => toast.id !== id) });
    },
  }));
}

/** The message for a write: saved, or live but not saved (read-only config.yaml). */
export function describeWrite(result: { persisted: boolean; reason?: string }, what: string, say: Say = ENGLISH_SAY): { tone: Toast['tone']; message: string } {
  if (result.persisted) return { tone: 'success', message: say('write.saved', { what }) };
  return { tone: 'warning', message: say('write.notSaved', { what, reason: result.reason ?? say('write.readOnly') }) };
}
