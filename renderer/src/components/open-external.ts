/** Opens a sign-in page: the system browser inside the desktop app, a new tab in a browser. */
export function openExternal(url: string): void {
  const desktop = window.desktop;
  if (desktop && typeof desktop.openExternal === 'function') {
    void desktop.openExternal(url).catch(() => {
      window.open(url, '_blank', 'noopener,noreferrer');
    });
    return;
  }
  window.open(url, '_blank', 'noopener,noreferrer');
}

/** True inside the desktop app, where the browser can be opened without a click (no pop-up blocker). */
export function canOpenWithoutClick(): boolean {
  return typeof window.desktop?.openExternal === 'function';
}
