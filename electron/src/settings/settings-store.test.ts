import { describe, expect, it } from 'vitest';
import { parseSettings } from './settings-schema.js';
import { createSettings, electronStoreBackend, memoryBackend } from './settings-store.js';

describe('settings', () => {
  it('starts from defaults: everything notifies, the tray shows the state, no launch at login', () => {
    expect(createSettings(memoryBackend()).get()).toEqual({
      launchAtLogin: false,
      language: 'system',
      trayDisplay: { kind: 'state' },
      notifications: { 'needs-relogin': true, 'quota-low': true, 'quota-exhausted': true, 'quota-restored': true, 'proxy-stopped': true },
      updates: { autoCheck: true },
    });
  });

  it('saves valid updates through the backend and tells listeners', () => {
    const backend = memoryBackend();
    const settings = createSettings(backend);
    const seen: unknown[] = [];
    settings.onChange((value) => seen.push(value.trayDisplay));
    settings.update({ trayDisplay: { kind: 'account-quota', accountId: 'claude-me.json' } });
    expect(createSettings(backend).get().trayDisplay).toEqual({ kind: 'account-quota', accountId: 'claude-me.json' });
    expect(seen).toEqual([{ kind: 'account-quota', accountId: 'claude-me.json' }]);
  });

  it('an invalid update throws and changes nothing', () => {
    const backend = memoryBackend();
    const settings = createSettings(backend);
    expect(() => settings.update({ windowBounds: { width: 10, height: 10, maximized: false } })).toThrow();
    expect(() => settings.update({ trayDisplay: { kind: 'weather' } as never })).toThrow();
    expect(backend.written).toEqual([]);
    expect(settings.get().windowBounds).toBeUndefined();
  });

  it('a damaged stored value falls back to its default without resetting the others', () => {
    const settings = parseSettings({
      launchAtLogin: 'yes',
      trayDisplay: { kind: 'requests-today' },
      notifications: { 'quota-low': false, 'quota-restored': 'sometimes' },
      windowBounds: { width: 1200, height: 800, maximized: true, x: 3, y: 4 },
      updates: { autoCheck: 'no', skippedVersion: '1.2.0' },
      unknownKey: 1,
    });
    expect(settings).toEqual({
      launchAtLogin: false,
      language: 'system',
      trayDisplay: { kind: 'requests-today' },
      notifications: { 'needs-relogin': true, 'quota-low': false, 'quota-exhausted': true, 'quota-restored': true, 'proxy-stopped': true },
      windowBounds: { width: 1200, height: 800, maximized: true, x: 3, y: 4 },
      updates: { autoCheck: true, skippedVersion: '1.2.0' },
    });
    expect(parseSettings('garbage').launchAtLogin).toBe(false);
  });

  it('the electron-store backend keeps plain JSON (no undefined fields)', () => {
    const store = { store: {} as Record<string, unknown> };
    const settings = createSettings(electronStoreBackend(store));
    settings.update({ configPath: '/home/me/config.yaml' });
    settings.update({ configPath: undefined });
    expect(Object.keys(store.store)).not.toContain('configPath');
    expect(createSettings(electronStoreBackend(store)).get().configPath).toBeUndefined();
  });
});
