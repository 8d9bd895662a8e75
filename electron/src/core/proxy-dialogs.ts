/**
 * What the user sees when the proxy cannot start: for a taken port, who holds it and an offer of a free port
 * (for this run, or saved to config.yaml); for anything else, the error and a way to the config file. Where no
 * tray can be shown, the dialog's last button quits, so the app never lingers invisibly.
 */
import { portConflictAdvice } from './port-conflict.js';
import type { ProxyStatus } from './proxy-controller.js';

export interface MessageBoxOptions {
  type: 'none' | 'info' | 'error' | 'question' | 'warning';
  title: string;
  message: string;
  detail?: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink?: boolean;
}

export type ShowMessageBox = (options: MessageBoxOptions) => Promise<{ response: number }>;

export type PortConflictChoice = { kind: 'use-port'; port: number; save: boolean } | { kind: 'dismiss' } | { kind: 'quit' };
export type StartFailureChoice = { kind: 'show-config' } | { kind: 'dismiss' } | { kind: 'quit' };

export async function askAboutPortConflict(
  showMessageBox: ShowMessageBox,
  status: Extract<ProxyStatus, { kind: 'port-conflict' }>,
  options: { trayAvailable: boolean },
): Promise<PortConflictChoice> {
  const port = status.conflict.suggestedPort;
  const last = options.trayAvailable ? 'Not now' : 'Quit';
  const buttons = port ? [`Use port ${port} this time`, `Use port ${port} and save it`, last] : [last];
  const { response } = await showMessageBox({
    type: 'warning',
    title: 'CLIProxy Desktop',
    message: status.message,
    detail: portConflictAdvice(status.conflict),
    buttons,
    defaultId: 0,
    cancelId: buttons.length - 1,
    noLink: true,
  });
  if (port && response === 0) return { kind: 'use-port', port, save: false };
  if (port && response === 1) return { kind: 'use-port', port, save: true };
  return options.trayAvailable ? { kind: 'dismiss' } : { kind: 'quit' };
}

export async function askAboutStartFailure(
  showMessageBox: ShowMessageBox,
  status: Extract<ProxyStatus, { kind: 'failed' }>,
  options: { trayAvailable: boolean; configPath: string },
): Promise<StartFailureChoice> {
  const last = options.trayAvailable ? 'Close' : 'Quit';
  const { response } = await showMessageBox({
    type: 'error',
    title: 'CLIProxy Desktop',
    message: 'The proxy did not start',
    detail: `${status.message.replace(/^The proxy did not start: /, '')}\n\nConfig file: ${options.configPath}`,
    buttons: ['Show config.yaml', last],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  if (response === 0) return { kind: 'show-config' };
  return options.trayAvailable ? { kind: 'dismiss' } : { kind: 'quit' };
}
