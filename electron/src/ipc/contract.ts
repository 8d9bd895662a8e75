/**
 * The desktop IPC contract: for each `window.desktop` method, the zod schema of its single argument and of
 * its answer. OS actions only; all data goes over HTTP to the management API. The main process validates every
 * payload with these schemas (`register-ipc.ts`); the preload's `window.desktop` type is derived from them.
 */
import path from 'node:path';
import { z } from 'zod';
import type { DesktopMethod } from './channels.js';

export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const webUrlSchema = z
  .string({ error: 'expected the address as a string' })
  .max(8192, 'the address is longer than 8192 characters')
  .refine(isWebUrl, { error: (issue) => `only http:// and https:// addresses can be opened, got ${JSON.stringify(String(issue.input).slice(0, 80))}` });

const filePathSchema = z
  .string({ error: 'expected a file path as a string' })
  .min(1, 'the file path is empty')
  .max(4096, 'the file path is longer than 4096 characters')
  .refine((value) => !value.includes('\0'), 'the file path contains a NUL character')
  .refine((value) => path.isAbsolute(value) || path.win32.isAbsolute(value), 'the file path must be absolute');

const noArgument = z.undefined({ error: 'this method takes no argument' });

export const connectionSchema = z.object({ baseUrl: z.string(), managementKey: z.string() });
export type DesktopConnection = z.infer<typeof connectionSchema>;

interface ContractMethod {
  request: z.ZodType;
  response: z.ZodType;
}

export const desktopContract = {
  /** Opens an http(s) address in the system browser. */
  openExternal: { request: webUrlSchema, response: z.void() },
  /** Shows a file in the system file manager. */
  revealFile: { request: filePathSchema, response: z.void() },
  /** Stops the proxy cleanly and quits the app. */
  quit: { request: noArgument, response: z.void() },
  getLaunchAtLogin: { request: noArgument, response: z.boolean() },
  /** Answers the setting now in effect. */
  setLaunchAtLogin: { request: z.boolean({ error: 'expected true or false' }), response: z.boolean() },
  /** The proxy's base URL and this launch's management key, so the dashboard needs no key prompt. */
  getConnection: { request: noArgument, response: connectionSchema },
  /** The dashboard's language choice, so the tray and notifications follow it; answers the language now in effect. */
  setLanguage: {
    request: z.enum(['system', 'en', 'zh-CN'], { error: 'expected "system", "en" or "zh-CN"' }),
    response: z.enum(['en', 'zh-CN']),
  },
} satisfies { [M in DesktopMethod]: ContractMethod };

export type DesktopContract = typeof desktopContract;
export type DesktopPayload<M extends DesktopMethod> = z.output<DesktopContract[M]['request']>;
export type DesktopResult<M extends DesktopMethod> = z.output<DesktopContract[M]['response']>;

/** `window.desktop` as the renderer sees it: each method returns a promise; no-argument methods take none. */
export type DesktopApi = {
  [M in DesktopMethod]: [z.input<DesktopContract[M]['request']>] extends [undefined]
    ? () => Promise<DesktopResult<M>>
    : (payload: z.input<DesktopContract[M]['request']>) => Promise<DesktopResult<M>>;
} & {
  /** The shape the dashboard's connection store reads (renderer/src/stores/connection-store.ts); same data as `getConnection`. */
  getManagementConnection(): Promise<{ baseUrl: string; key: string }>;
};

/** Handlers the main process supplies, one per method. */
export type DesktopHandlers = {
  [M in DesktopMethod]: (payload: DesktopPayload<M>) => DesktopResult<M> | Promise<DesktopResult<M>>;
};
