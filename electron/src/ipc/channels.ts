/**
 * The IPC channel names, one per `window.desktop` method. Plain data (no zod), so the sandboxed preload can
 * import it without bundling the schemas; `contract.ts` attaches a schema to every entry and fails to compile
 * when the two drift apart.
 */
export const DESKTOP_CHANNELS = {
  openExternal: 'desktop:open-external',
  revealFile: 'desktop:reveal-file',
  quit: 'desktop:quit',
  getLaunchAtLogin: 'desktop:get-launch-at-login',
  setLaunchAtLogin: 'desktop:set-launch-at-login',
  getConnection: 'desktop:get-connection',
  setLanguage: 'desktop:set-language',
} as const;

export type DesktopMethod = keyof typeof DESKTOP_CHANNELS;

/** What every handler answers over IPC: Electron drops custom error fields across `invoke`, so errors travel as data. */
export type IpcEnvelope<T> = { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode; message: string } };

export type IpcErrorCode = 'invalid-payload' | 'untrusted-sender' | 'failed';
