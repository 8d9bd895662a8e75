import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, createAppModel } from './app/index.js';
import { documentVisibility, type DesktopBridge } from './stores/index.js';
import './styles/index.css';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent when the dashboard runs in a browser at /ui. */
    desktop?: DesktopBridge;
  }
}

const model = createAppModel({
  fetch: window.fetch.bind(window),
  desktop: window.desktop && typeof window.desktop.getManagementConnection === 'function' ? window.desktop : undefined,
  origin: window.location.origin,
  sessionStorage: window.sessionStorage,
  localStorage: window.localStorage,
  visibility: documentVisibility(document),
  systemLanguages: navigator.languages.length > 0 ? navigator.languages : [navigator.language],
  clock: { now: () => Date.now() },
  timers: {
    setTimeout: (callback, ms) => window.setTimeout(callback, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
    setInterval: (callback, ms) => window.setInterval(callback, ms),
    clearInterval: (handle) => window.clearInterval(handle as number),
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App model={model} />
  </StrictMode>,
);
