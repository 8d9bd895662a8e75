/**
 * Builds `window.desktop` from the channel list: each method forwards its argument over `invoke` and unwraps
 * the main process's `{ok, value | error}` envelope into a value or a thrown `DesktopIpcError`. Used by the
 * preload; no zod and no Node modules, so the sandboxed preload bundle stays small.
 */
import { DESKTOP_CHANNELS, type DesktopMethod, type IpcEnvelope } from './channels.js';
import type { DesktopApi, DesktopConnection } from './contract.js';

export class DesktopIpcError extends Error {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.name = 'DesktopIpcError';
    this.code = code;
  }
}

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

export function createDesktopApi(invoke: Invoke): DesktopApi {
  const call = async (method: DesktopMethod, args: unknown[]): Promise<unknown> => {
    const envelope = (await invoke(DESKTOP_CHANNELS[method], ...args)) as IpcEnvelope<unknown> | undefined;
    if (!envelope || typeof envelope !== 'object' || typeof envelope.ok !== 'boolean') {
      throw new DesktopIpcError(`window.desktop.${method}: the app sent no answer.`, 'failed');
    }
    if (envelope.ok) return envelope.value;
    throw new DesktopIpcError(envelope.error.message, envelope.error.code);
  };
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of Object.keys(DESKTOP_CHANNELS) as DesktopMethod[]) {
    api[method] = (...args) => call(method, args);
  }
  // The dashboard's connection store reads this shape (renderer/src/stores/connection-store.ts).
  api.getManagementConnection = async () => {
    const connection = (await call('getConnection', [])) as DesktopConnection;
    return { baseUrl: connection.baseUrl, key: connection.managementKey };
  };
  return Object.freeze(api) as unknown as DesktopApi;
}
