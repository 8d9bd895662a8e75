import { describe, expect, it } from 'vitest';
import { chooseLaunch, describeDownloadFailure, findElectronRuntime } from './launch-mode.mjs';

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

describe('findElectronRuntime (npm start on a machine without the runtime yet)', () => {
  const DIR = '/opt/app/node_modules/electron';
  const files = (entries: Record<string, string>) => ({
    exists: (file: string) => file in entries,
    readFile: (file: string) => entries[file] ?? '',
  });

  it('uses the runtime on disk without downloading', () => {
    const io = { ...files({ [`${DIR}/path.txt`]: 'electron', [`${DIR}/dist/electron`]: '' }), download: () => { throw new Error('must not download'); } };
    expect(findElectronRuntime({ electronDir: DIR, env: {}, io })).toEqual({ binary: `${DIR}/dist/electron` });
  });

  it('a failed download is one sentence with the network reason, not the installer\'s TypeError stack', () => {
    const output = 'Downloading Electron binary...\nTypeError: fetch failed\n    at node:internal/deps/undici/undici:13510:13\n  [cause]: Error: getaddrinfo ENOTFOUND github.com\n      at GetAddrInfoReqWrap.onlookup';
    const found = findElectronRuntime({ electronDir: DIR, env: {}, io: { ...files({}), download: () => ({ status: 1, output }) } });
    expect(found).toEqual({ problem: 'The Electron runtime could not be downloaded (ENOTFOUND github.com); retry with `node node_modules/electron/install.js`, or set ELECTRON_MIRROR' });
    const mode = chooseLaunch({ ...ready, electronBinary: undefined, electronProblem: (found as { problem: string }).problem });
    expect(mode).toEqual({ kind: 'headless', reason: (found as { problem: string }).problem });
    expect(JSON.stringify(mode)).not.toMatch(/TypeError|undici|at /);
  });

  it('names an HTTP status, or says the request failed, when the output has no network code', () => {
    expect(describeDownloadFailure('HTTPError: Response code 404 (Not Found) status code 404')).toMatch(/\(HTTP 404\)/);
    expect(describeDownloadFailure('TypeError: fetch failed')).toMatch(/\(the network request failed\)/);
  });
});
