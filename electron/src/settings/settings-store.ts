/**
 * Settings behind a small interface: `get()` and `update(patch)`, validated by the zod schema both ways.
 * Production stores them with electron-store (`electronStoreBackend`); tests use `memoryBackend`.
 */
import { parseSettings, settingsSchema, type AppSettings } from './settings-schema.js';

/** Where settings are kept: the whole object is read and written at once. */
export interface SettingsBackend {
  read(): unknown;
  write(value: AppSettings): void;
}

export interface Settings {
  get(): AppSettings;
  /** Validates and saves; an invalid patch throws a ZodError and changes nothing. */
  update(patch: Partial<AppSettings>): AppSettings;
  /** Called after every successful update. */
  onChange(listener: (settings: AppSettings) => void): () => void;
}

export function createSettings(backend: SettingsBackend): Settings {
  let current = parseSettings(backend.read());
  const listeners = new Set<(settings: AppSettings) => void>();
  return {
    get: () => current,
    update(patch) {
      const next = settingsSchema.parse({ ...current, ...patch });
      backend.write(next);
      current = next;
      for (const listener of listeners) listener(current);
      return current;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function memoryBackend(initial: unknown = {}): SettingsBackend & { written: AppSettings[] } {
  let stored: unknown = initial;
  const written: AppSettings[] = [];
  return {
    written,
    read: () => stored,
    write(value) {
      stored = structuredClone(value);
      written.push(stored as AppSettings);
    },
  };
}

/** The part of an electron-store instance used here (`store.store` is the whole object). */
export interface ElectronStoreLike {
  store: Record<string, unknown>;
}

export function electronStoreBackend(store: ElectronStoreLike): SettingsBackend {
  return {
    read: () => store.store,
    write(value) {
      // JSON has no `undefined`: drop optional fields that are unset instead of storing nulls.
      store.store = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
    },
  };
}
