import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUTOSTART_FILE_NAME, createLaunchAtLogin, quoteExecArgument } from './launch-at-login.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const files = { existsSync, mkdirSync, writeFileSync, rmSync };

describe('launch at login', () => {
  it('Linux: writes and removes an XDG autostart entry that starts hidden', () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'autostart-'));
    dirs.push(base);
    const autostartDir = path.join(base, 'autostart');
    const app = { setLoginItemSettings: vi.fn(), getLoginItemSettings: vi.fn(() => ({ openAtLogin: false })) };
    const launch = createLaunchAtLogin({ platform: 'linux', app, files, autostartDir, command: ['/opt/CLIProxy Desktop/cliproxy-desktop'] });
    expect(launch.get()).toBe(false);
    expect(launch.set(true)).toBe(true);
    const entry = readFileSync(path.join(autostartDir, AUTOSTART_FILE_NAME), 'utf8');
    expect(entry).toContain('Exec="/opt/CLIProxy Desktop/cliproxy-desktop" --hidden\n');
    expect(entry).toContain('Type=Application\n');
    expect(launch.set(false)).toBe(false);
    expect(existsSync(path.join(autostartDir, AUTOSTART_FILE_NAME))).toBe(false);
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('macOS and Windows: Electron login items, started hidden', () => {
    let open = false;
    const app = {
      setLoginItemSettings: vi.fn((settings: { openAtLogin: boolean }) => void (open = settings.openAtLogin)),
      getLoginItemSettings: vi.fn(() => ({ openAtLogin: open })),
    };
    const launch = createLaunchAtLogin({ platform: 'win32', app, files, autostartDir: '/unused', command: ['C:\\app.exe'] });
    expect(launch.set(true)).toBe(true);
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
    expect(app.getLoginItemSettings).toHaveBeenCalledWith({ args: ['--hidden'] });
  });

  it('quotes Exec arguments per the desktop entry spec', () => {
    expect(quoteExecArgument('/usr/bin/app')).toBe('/usr/bin/app');
    expect(quoteExecArgument('/a b/$x"y')).toBe('"/a b/\\$x\\"y"');
  });
});
