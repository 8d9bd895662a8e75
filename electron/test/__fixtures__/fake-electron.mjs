// A stand-in for the `electron` module, so the bundled main process (dist/electron/main.js) can boot in plain
// Node for the smoke test. Everything the app does to it is reported as one JSON line on stdout.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';

const report = (event, fields = {}) => process.stdout.write(`${JSON.stringify({ fake: event, ...fields })}\n`);

class FakeApp extends EventEmitter {
  isPackaged = false;
  setAppUserModelId() {}
  getPath() {
    return process.env.FAKE_ELECTRON_USER_DATA;
  }
  getVersion() {
    return '0.1.0';
  }
  getName() {
    return 'cliproxy-desktop';
  }
  getAppPath() {
    return process.cwd();
  }
  getLocale() {
    return 'en-US';
  }
  whenReady() {
    // Like Electron: ready comes after the entry module finished evaluating.
    return new Promise((resolve) => setTimeout(resolve, 20));
  }
  requestSingleInstanceLock() {
    return true;
  }
  getLoginItemSettings() {
    return { openAtLogin: false, wasOpenedAtLogin: false };
  }
  setLoginItemSettings() {}
  quit() {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    report('quit');
    process.exit(0);
  }
  exit(code) {
    report('exit', { code });
    process.exit(code);
  }
}
export const app = new FakeApp();

class FakeWebContents extends EventEmitter {
  setWindowOpenHandler() {}
}
export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.webContents = new FakeWebContents();
    report('window-created', { webPreferences: options.webPreferences });
  }
  async loadURL(url) {
    report('window-load', { url });
    this.emit('ready-to-show');
  }
  show() {}
  focus() {}
  restore() {}
  maximize() {}
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1180, height: 800 };
  }
}

export class Tray extends EventEmitter {
  constructor(image) {
    super();
    report('tray-image', { path: image.path });
  }
  setImage(image) {
    report('tray-image', { path: image.path });
  }
  setToolTip(text) {
    report('tray-tooltip', { text });
  }
  setTitle() {}
  setContextMenu(menu) {
    report('tray-menu', { labels: menu.map((item) => item.label).filter(Boolean) });
  }
  destroy() {
    report('tray-destroyed');
  }
}

export const Menu = { buildFromTemplate: (template) => template };
export const nativeImage = { createFromPath: (path) => ({ path, exists: existsSync(path) }) };
export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    this.options = options;
  }
  show() {
    report('notification', { title: this.options.title, body: this.options.body });
  }
}
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
export const session = {
  defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, webRequest: { onHeadersReceived() {} } },
};
export const shell = {
  openExternal: async (url) => report('open-external', { url }),
  showItemInFolder: (file) => report('show-item', { file }),
  openPath: async () => '',
};
export const clipboard = { writeText: () => report('clipboard') };
export const dialog = {
  showMessageBox: async (options) => {
    report('dialog', { message: options.message, buttons: options.buttons });
    return { response: options.cancelId };
  },
};
class FakeIpcMain extends EventEmitter {
  handlers = new Map();
  handle(channel, listener) {
    this.handlers.set(channel, listener);
    report('ipc-handle', { channel });
  }
  removeHandler(channel) {
    this.handlers.delete(channel);
  }
}
export const ipcMain = new FakeIpcMain();
// The app listens for 'resume' (wake from sleep) to refresh tokens and quota at once.
export const powerMonitor = new EventEmitter();
export const contextBridge = { exposeInMainWorld() {} };
export const ipcRenderer = { invoke: async () => undefined };

export default { app, BrowserWindow, Tray, Menu, nativeImage, Notification, screen, session, shell, clipboard, dialog, ipcMain, powerMonitor, contextBridge, ipcRenderer };
