/**
 * The preload script (sandboxed; bundled to dist/electron/preload.cjs as CommonJS). It exposes exactly one
 * object, `window.desktop`, generated from the IPC contract (`ipc/desktop-api.ts`).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopApi } from './ipc/desktop-api.js';

contextBridge.exposeInMainWorld('desktop', createDesktopApi((channel, ...args) => ipcRenderer.invoke(channel, ...args)));
