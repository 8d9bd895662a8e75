/**
 * The dashboard window: created on demand, loading `<proxy>/ui/` with the locked-down web preferences
 * (context isolation, sandbox, no Node), its size and place remembered in the settings, and navigation held
 * to the proxy's origin. Closing it destroys it; the app keeps running in the tray.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { Settings } from '../settings/settings-store.js';
import type { WindowBounds } from '../settings/settings-schema.js';
import { createNavigationPolicy } from './navigation-policy.js';

/** The parts of an Electron `BrowserWindow` used here. */
export interface BrowserWindowLike {
  loadURL(url: string): Promise<void>;
  show(): void;
  focus(): void;
  restore(): void;
  maximize(): void;
  isMinimized(): boolean;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  getNormalBounds(): { x: number; y: number; width: number; height: number };
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'close' | 'closed', listener: () => void): unknown;
  webContents: {
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
    on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
    on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  };
}

export interface DisplayArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MainWindowDeps {
  createWindow(options: BrowserWindowConstructorOptions): BrowserWindowLike;
  openExternal(url: string): Promise<void>;
  settings: Settings;
  preloadPath: string;
  iconPath?: string;
  /** The proxy's origin (`http://127.0.0.1:8317`), or null while it is not running. */
  origin(): string | null;
  /** Work areas of the connected displays; a remembered position outside all of them is dropped. */
  displays?(): DisplayArea[];
  log?(message: string): void;
}

export const DEFAULT_SIZE = { width: 1180, height: 800 };

export function webPreferences(preloadPath: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

function onSomeDisplay(bounds: WindowBounds, displays: DisplayArea[]): boolean {
  if (bounds.x === undefined || bounds.y === undefined) return false;
  const { x, y } = bounds;
  return displays.some((area) => x + 100 > area.x && x < area.x + area.width - 100 && y >= area.y && y < area.y + area.height - 50);
}

/** The dashboard address for a hash route (`accounts` → `…/ui/#/accounts`). */
export function dashboardUrl(origin: string, route?: string): string {
  const clean = (route ?? '').replace(/^[#/]+/, '');
  return `${origin}/ui/${clean ? `#/${clean}` : ''}`;
}

export type MainWindow = ReturnType<typeof createMainWindow>;

export function createMainWindow(deps: MainWindowDeps) {
  let window: BrowserWindowLike | undefined;
  let loadedOrigin: string | null = null;
  const policy = createNavigationPolicy({ origin: deps.origin, openExternal: deps.openExternal, log: deps.log });

  const load = (target: BrowserWindowLike, origin: string, route?: string) => {
    loadedOrigin = origin;
    target.loadURL(dashboardUrl(origin, route)).catch((error: Error) => deps.log?.(`window: could not load the dashboard: ${error.message}`));
  };

  const create = (origin: string, route?: string): BrowserWindowLike => {
    const saved = deps.settings.get().windowBounds;
    const keepPosition = saved && (deps.displays ? onSomeDisplay(saved, deps.displays()) : true);
    const created = deps.createWindow({
      width: saved?.width ?? DEFAULT_SIZE.width,
      height: saved?.height ?? DEFAULT_SIZE.height,
      ...(keepPosition ? { x: saved.x, y: saved.y } : {}),
      minWidth: 720,
      minHeight: 480,
      show: false,
      title: 'CLIProxy Desktop',
      autoHideMenuBar: true,
      ...(deps.iconPath ? { icon: deps.iconPath } : {}),
      webPreferences: webPreferences(deps.preloadPath),
    });
    created.webContents.setWindowOpenHandler((details) => policy.windowOpen(details));
    created.webContents.on('will-navigate', (event, url) => policy.navigate(event, url));
    created.webContents.on('will-redirect', (event, url) => policy.navigate(event, url));
    created.webContents.on('will-attach-webview', (event) => event.preventDefault());
    created.once('ready-to-show', () => {
      if (saved?.maximized) created.maximize();
      created.show();
    });
    created.on('close', () => {
      const { x, y, width, height } = created.getNormalBounds();
      const bounds = { x, y, width: Math.max(480, Math.round(width)), height: Math.max(360, Math.round(height)), maximized: created.isMaximized() };
      try {
        deps.settings.update({ windowBounds: bounds });
      } catch (error) {
        deps.log?.(`window: size not saved: ${(error as Error).message}`);
      }
    });
    created.on('closed', () => {
      if (window === created) window = undefined;
    });
    load(created, origin, route);
    return created;
  };

  return {
    isOpen: () => window !== undefined && !window.isDestroyed(),
    /** Opens (or brings forward) the dashboard, on `route` if given. False while the proxy is not running. */
    show(route?: string): boolean {
      const origin = deps.origin();
      if (!origin) return false;
      if (!window || window.isDestroyed()) {
        window = create(origin, route);
        return true;
      }
      if (route !== undefined || loadedOrigin !== origin) load(window, origin, route);
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      return true;
    },
    /** Brings an open window forward; false when none is open. */
    focus(): boolean {
      if (!window || window.isDestroyed()) return false;
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      return true;
    },
    /** The proxy moved (restart on another port): point an open window at the new address. */
    followProxy(): void {
      const origin = deps.origin();
      if (window && !window.isDestroyed() && origin && origin !== loadedOrigin) load(window, origin);
    },
  };
}
