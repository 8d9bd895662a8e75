/**
 * Hand-written fakes for the parts of Electron the main process uses. Each records what was done to it, so a
 * test can assert what the user would see (the tray's menu and icon, a window's address, a notification).
 */
import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import type { IpcInvokeEvent, IpcMainLike } from '../src/ipc/register-ipc.js';
import type { NativeNotificationLike } from '../src/notifications/notification-presenter.js';
import type { Timers } from '../src/tray/status-poller.js';
import type { TrayLike } from '../src/tray/tray-icon.js';
import type { BrowserWindowLike } from '../src/windows/main-window.js';

export class FakeTray implements TrayLike {
  image: unknown;
  tooltip = '';
  title = '';
  menu: MenuItemConstructorOptions[] = [];
  destroyed = false;
  readonly events = new EventEmitter();
  constructor(image: unknown) {
    this.image = image;
  }
  setImage(image: unknown) {
    this.image = image;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setTitle(title: string) {
    this.title = title;
  }
  setContextMenu(menu: unknown) {
    this.menu = menu as MenuItemConstructorOptions[];
  }
  on(event: 'click', listener: () => void) {
    this.events.on(event, listener);
    return this;
  }
  destroy() {
    this.destroyed = true;
  }
}

/** Depth-first search of a menu template by item id. */
export function findItem(menu: readonly MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions | undefined {
  for (const item of menu) {
    if (item.id === id) return item;
    const children = Array.isArray(item.submenu) ? item.submenu : [];
    const found = findItem(children, id);
    if (found) return found;
  }
  return undefined;
}

/** Clicks a menu item the way Electron would (the item, no window, no event). */
export function click(menu: readonly MenuItemConstructorOptions[], id: string): void {
  const item = findItem(menu, id);
  if (!item) throw new Error(`no menu item ${id}; have: ${ids(menu).join(', ')}`);
  if (item.enabled === false) throw new Error(`menu item ${id} is disabled`);
  (item.click as (() => void) | undefined)?.();
}

export function ids(menu: readonly MenuItemConstructorOptions[]): string[] {
  return menu.flatMap((item) => [...(item.id ? [item.id] : []), ...(Array.isArray(item.submenu) ? ids(item.submenu) : [])]);
}

export class FakeWebContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: 'deny' };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
    this.openHandler = handler;
  }
  /** Simulates a navigation; true when it was allowed. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, url);
    return !prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter implements BrowserWindowLike {
  readonly options: BrowserWindowConstructorOptions;
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  visible = false;
  focused = false;
  minimized = false;
  maximized = false;
  destroyed = false;
  bounds = { x: 10, y: 20, width: 1000, height: 700 };
  constructor(options: BrowserWindowConstructorOptions) {
    super();
    this.options = options;
    if (options.width && options.height) this.bounds = { x: options.x ?? 10, y: options.y ?? 20, width: options.width, height: options.height };
  }
  async loadURL(url: string) {
    this.loaded.push(url);
    this.emit('ready-to-show');
  }
  show() {
    this.visible = true;
  }
  focus() {
    this.focused = true;
  }
  restore() {
    this.minimized = false;
  }
  maximize() {
    this.maximized = true;
  }
  isMinimized() {
    return this.minimized;
  }
  isMaximized() {
    return this.maximized;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getNormalBounds() {
    return this.bounds;
  }
  /** The user closes the window. */
  close() {
    this.emit('close');
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
  }
}

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcInvokeEvent, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => unknown) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  /** What `ipcRenderer.invoke` from a frame at `frameUrl` would get. */
  async invoke(frameUrl: string, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: { url: frameUrl } }, ...args);
  }
}

export class FakeNotification extends EventEmitter implements NativeNotificationLike {
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show() {
    this.shown = true;
  }
}

export class FakeApp extends EventEmitter {
  lock = true;
  quitCalls = 0;
  requestSingleInstanceLock() {
    return this.lock;
  }
  quit() {
    this.quitCalls += 1;
    // Like Electron: quitting emits before-quit, which a listener may cancel.
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.emit('quit');
  }
}

/** Timers that only fire when the test says so. */
export function manualTimers(): Timers & { pending(): number; runAll(): void } {
  let next = 1;
  const scheduled = new Map<number, () => void>();
  return {
    setTimeout(callback: () => void) {
      const id = next++;
      scheduled.set(id, callback);
      return id;
    },
    clearTimeout(handle: unknown) {
      scheduled.delete(handle as number);
    },
    pending: () => scheduled.size,
    runAll() {
      const callbacks = [...scheduled.values()];
      scheduled.clear();
      for (const callback of callbacks) callback();
    },
  };
}

/** Resolves once `predicate` holds, polling the event loop; fails after `ms`. */
export async function until(predicate: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
