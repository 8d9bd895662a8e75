/**
 * One running app per user. The first launch holds Electron's single-instance lock; a later launch exits at
 * once and the first one brings its window up (opening it if it was closed — the way back in on desktops
 * where the tray cannot be shown).
 */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: () => void): unknown;
  quit(): void;
}

export interface SingleInstanceDeps {
  app: SingleInstanceApp;
  /** Brings the open window forward; false when none is open. */
  focusWindow(): boolean;
  /** Opens the window (or says why it cannot). */
  openWindow(): void;
  log?(message: string): void;
}

/** False when another instance already runs: this one is quitting and must not start anything. */
export function claimSingleInstance(deps: SingleInstanceDeps): boolean {
  if (!deps.app.requestSingleInstanceLock()) {
    deps.log?.('another CLIProxy Desktop is already running; bringing its window up instead');
    deps.app.quit();
    return false;
  }
  deps.app.on('second-instance', () => {
    if (!deps.focusWindow()) deps.openWindow();
  });
  return true;
}
