import { describe, expect, it } from 'vitest';
import { chooseLaunch } from './launch-mode.mjs';

// `npm start` picks the desktop app or the headless proxy; each headless answer names what is missing.
const ELECTRON = '/opt/app/node_modules/electron/dist/electron';
const ENTRY = '/opt/app/dist/electron/main.js';
const ready = { platform: 'linux', env: { DISPLAY: ':0' }, electronBinary: ELECTRON, desktopEntry: ENTRY };

describe('chooseLaunch', () => {
  it('starts the desktop app when the shell is built, a display exists and Electron is on disk', () => {
    expect(chooseLaunch(ready)).toEqual({ kind: 'desktop', binary: ELECTRON, entry: ENTRY });
  });

  it('a Wayland session counts as a display', () => {
    expect(chooseLaunch({ ...ready, env: { WAYLAND_DISPLAY: 'wayland-0' } })).toMatchObject({ kind: 'desktop' });
  });

  it('runs headless when the desktop shell is not built, whatever else is there', () => {
    expect(chooseLaunch({ ...ready, desktopEntry: undefined })).toEqual({ kind: 'headless', reason: 'The desktop shell is not built' });
    expect(chooseLaunch({ ...ready, desktopEntry: undefined, electronBinary: undefined, env: {} })).toEqual({ kind: 'headless', reason: 'The desktop shell is not built' });
  });

  it('runs headless on Linux without DISPLAY or WAYLAND_DISPLAY (a server, a container, ssh)', () => {
    expect(chooseLaunch({ ...ready, env: {} })).toEqual({ kind: 'headless', reason: 'No display (DISPLAY/WAYLAND_DISPLAY) is available' });
    expect(chooseLaunch({ ...ready, env: { DISPLAY: '' } })).toMatchObject({ kind: 'headless', reason: expect.stringMatching(/No display/) });
  });

  it('macOS and Windows need no DISPLAY variable', () => {
    for (const platform of ['darwin', 'win32']) expect(chooseLaunch({ ...ready, platform, env: {} })).toEqual({ kind: 'desktop', binary: ELECTRON, entry: ENTRY });
  });

  it('runs headless when no Electron runtime could be found or downloaded', () => {
    expect(chooseLaunch({ ...ready, electronBinary: undefined })).toEqual({ kind: 'headless', reason: 'No Electron runtime could be found or downloaded' });
    expect(chooseLaunch({ ...ready, platform: 'darwin', env: {}, electronBinary: undefined })).toMatchObject({ kind: 'headless', reason: expect.stringMatching(/No Electron runtime/) });
  });
});
