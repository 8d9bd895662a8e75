/**
 * Registers the desktop IPC handlers on `ipcMain`. Every call is checked twice before a handler runs: the
 * sender must be a frame showing the proxy's dashboard (its origin), and the payload must match the
 * contract's zod schema. Bad calls answer `{ok: false, error}` with a sentence naming the problem; nothing
 * thrown in a handler reaches the main process's event loop.
 */
import type { z } from 'zod';
import { DESKTOP_CHANNELS, type DesktopMethod, type IpcEnvelope } from './channels.js';
import { desktopContract, type DesktopHandlers } from './contract.js';

/** The part of `IpcMainInvokeEvent` used here. */
export interface IpcInvokeEvent {
  senderFrame?: { url: string } | null;
}

/** The part of `ipcMain` used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface RegisterIpcDeps {
  ipcMain: IpcMainLike;
  handlers: DesktopHandlers;
  /** Whether a frame at this URL may call (the dashboard's origin). */
  isTrustedUrl(url: string): boolean;
  log?(message: string): void;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}

export function registerIpc(deps: RegisterIpcDeps): { dispose(): void } {
  const methods = Object.keys(DESKTOP_CHANNELS) as DesktopMethod[];

  const invoke = async (method: DesktopMethod, event: IpcInvokeEvent, args: unknown[]): Promise<IpcEnvelope<unknown>> => {
    const url = event.senderFrame?.url ?? '';
    if (!url || !deps.isTrustedUrl(url)) {
      deps.log?.(`ipc: refused ${method} from ${url || 'an unknown frame'}`);
      return { ok: false, error: { code: 'untrusted-sender', message: `window.desktop.${method} is only available to the dashboard window.` } };
    }
    if (args.length > 1) {
      return { ok: false, error: { code: 'invalid-payload', message: `window.desktop.${method} takes at most one argument, got ${args.length}.` } };
    }
    const spec = desktopContract[method];
    const parsed = spec.request.safeParse(args[0]);
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid-payload', message: `window.desktop.${method}: ${describeIssues(parsed.error)}.` } };
    }
    try {
      const handler = deps.handlers[method] as (payload: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value: spec.response.parse(value) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.log?.(`ipc: ${method} failed: ${message}`);
      return { ok: false, error: { code: 'failed', message: `window.desktop.${method} failed: ${message}` } };
    }
  };

  for (const method of methods) {
    deps.ipcMain.handle(DESKTOP_CHANNELS[method], (event, ...args) => invoke(method, event, args));
  }
  return {
    dispose() {
      for (const method of methods) deps.ipcMain.removeHandler(DESKTOP_CHANNELS[method]);
    },
  };
}
