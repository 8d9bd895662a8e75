/**
 * Desktop or headless? Desktop needs a built Electron main, an Electron runtime on disk, and (on Linux)
 * a display. Pure: the caller passes what it found.
 */
export function chooseLaunch({ platform, env, electronBinary, desktopEntry }) {
  if (!desktopEntry) return { kind: 'headless', reason: 'The desktop shell is not built' };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return { kind: 'headless', reason: 'No display (DISPLAY/WAYLAND_DISPLAY) is available' };
  if (!electronBinary) return { kind: 'headless', reason: 'No Electron runtime could be found or downloaded' };
  return { kind: 'desktop', binary: electronBinary, entry: desktopEntry };
}
