/**
 * The whole main process as `main.ts` wires it, with Electron replaced by fakes and the real proxy-core
 * running on loopback. Only the login endpoints (built elsewhere) are answered by a fake, in front of the
 * real management API. Test files call `afterEach(runCleanups)`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FakeApp, FakeBrowserWindow, FakeIpcMain, FakeNotification, FakeTray, manualTimers } from './fakes.js';
import { login } from './views.js';
import type { MessageBoxOptions } from '../src/core/proxy-dialogs.js';
import { findPortOwner, isPortFree, startProxy } from '../src/core/proxy-core.js';
import { createDesktopApp, type DesktopApp, type DesktopAppDeps } from '../src/desktop-app.js';
import { createSettings, memoryBackend } from '../src/settings/settings-store.js';

export const KEY = 'per-launch-management-key';
const cleanups: Array<() => unknown> = [];
export async function runCleanups(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

function configFile(port: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-desktop-app-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'config.yaml');
  writeFileSync(
    file,
    `# my settings\nhost: 127.0.0.1\nport: ${port}\nauth-dir: "${path.join(dir, 'auth')}"\napi-keys: ["sk-client-1"]\nclaude-api-key:\n  - api-key: "sk-ant-test"\n    base-url: "http://127.0.0.1:9"\n    models: [{ name: "claude-upstream", alias: "claude-model" }]\n`,
    { mode: 0o600 },
  );
  return file;
}

export async function occupyPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as net.AddressInfo).port;
}

export interface Harness {
  desktop: DesktopApp;
  app: FakeApp;
  trays: FakeTray[];
  windows: FakeBrowserWindow[];
  notifications: FakeNotification[];
  opened: string[];
  dialogs: MessageBoxOptions[];
  clipboard: string[];
  ipcMain: FakeIpcMain;
  requests: string[];
  /** The JSON body of each request that had one, with its method and path. */
  bodies: Array<{ request: string; body: unknown }>;
  configPath: string;
  timers: ReturnType<typeof manualTimers>;
  /** Answers for management paths, in front of the real proxy; `null` makes the request fail like a dead server. */
  overrides: Map<string, unknown>;
  tray(): FakeTray;
}

export function harness(options: { port?: number; dialogAnswer?: number; noTray?: boolean; startHidden?: boolean; extra?: Partial<DesktopAppDeps> } = {}): Harness {
  const configPath = configFile(options.port ?? 0);
  const dir = path.dirname(configPath);
  const h = { trays: [], windows: [], notifications: [], opened: [], dialogs: [], clipboard: [], requests: [], bodies: [], configPath, timers: manualTimers(), overrides: new Map() } as unknown as Harness;
  h.app = new FakeApp();
  h.ipcMain = new FakeIpcMain();
  let polls = 0;
  const realFetch = globalThis.fetch;
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    h.requests.push(`${method} ${url.pathname}${url.search}`);
    if (typeof init?.body === 'string') h.bodies.push({ request: `${method} ${url.pathname}`, body: JSON.parse(init.body) });
    const answer = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
    if (new Headers(init?.headers).get('authorization') !== `Bearer ${KEY}`) return new Response('{"error":"no key"}', { status: 401 });
    if (h.overrides.has(url.pathname)) {
      const override = h.overrides.get(url.pathname);
      if (override === null) throw new TypeError('fetch failed');
      return answer(override);
    }
    if (url.pathname === '/v0/management/login-providers') return answer({ providers: [{ id: 'claude', name: 'Claude Code', hint: 'Claude Pro / Max', flows: ['browser'], defaultCallbackPort: 54545 }] });
    if (url.pathname === '/v0/management/logins' && method === 'POST') return answer(login({ id: 'L1' }));
    if (url.pathname === '/v0/management/logins/L1') {
      polls += 1;
      return answer(login({ id: 'L1', status: polls < 2 ? 'waiting' : 'done', account: { id: 'claude-me.json', label: 'me@example.com', file: 'claude-me.json' } }));
    }
    return realFetch(input, init);
  }) as typeof globalThis.fetch;

  const deps: DesktopAppDeps = {
    app: h.app,
    platform: 'linux',
    createTray: (image) => {
      if (options.noTray) throw new Error('no StatusNotifier host');
      const tray = new FakeTray(image);
      h.trays.push(tray);
      return tray;
    },
    buildMenu: (template) => template,
    trayImage: (health) => `tray-${health}.png`,
    createWindow: (windowOptions) => {
      const window = new FakeBrowserWindow(windowOptions);
      h.windows.push(window);
      return window;
    },
    createNotification: (notificationOptions) => {
      const notification = new FakeNotification(notificationOptions);
      h.notifications.push(notification);
      return notification;
    },
    notificationsSupported: () => true,
    openExternal: async (url) => void h.opened.push(url),
    showItemInFolder: () => undefined,
    writeClipboard: (text) => void h.clipboard.push(text),
    showMessageBox: async (dialog) => {
      h.dialogs.push(dialog);
      return { response: options.dialogAnswer ?? dialog.cancelId };
    },
    ipcMain: h.ipcMain,
    settings: createSettings(memoryBackend()),
    launchAtLogin: { get: () => false, set: (enabled: boolean) => enabled },
    prepareConfig: async () => ({ path: configPath, source: 'flag', created: null }),
    startProxy: ({ configPath: file, port }) =>
      startProxy({ configPath: file, port, watch: false }, { home: dir, dataDir: dir, usageDatabase: ':memory:', logSink: null, localManagementKey: KEY }),
    probe: { findPortOwner: (port) => findPortOwner(port), isPortFree },
    fetch,
    managementKey: KEY,
    preloadPath: '/app/preload.cjs',
    csp: "default-src 'self'",
    startHidden: options.startHidden ?? false,
    now: () => Date.now(),
    timers: h.timers,
    sleep: async () => undefined,
    log: () => undefined,
    ...options.extra,
  };
  h.desktop = createDesktopApp(deps);
  h.tray = () => h.trays[0];
  cleanups.push(() => h.desktop.shutdown());
  return h;
}

export const runningUrl = (h: Harness) => {
  const status = h.desktop.controller.status();
  if (status.kind !== 'running') throw new Error(`proxy is ${status.kind}`);
  return status.url;
};

