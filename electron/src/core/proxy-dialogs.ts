/**
 * What the user sees when the proxy cannot start: for a taken port, who holds it and an offer of a free port
 * (for this run, or saved to config.yaml); for anything else, the error and a way to the config file. Where no
 * tray can be shown, the dialog's last button quits, so the app never lingers invisibly.
 */
import type { Translate } from '../i18n/index.js';
import type { PortConflict } from './port-conflict.js';
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

/** What to do about a taken port, in the app's language (port-conflict.ts's portConflictAdvice is the English for logs and the CLI). */
export function portConflictAdviceIn(conflict: PortConflict, t: Translate): string {
  const d = (key: string, values?: Record<string, unknown>) => t(`desktop:dialog.${key}`, values);
  if (conflict.cliproxy) {
    return d('adviceCliproxy', {
      url: conflict.cliproxy.url,
      owner: conflict.owner ? d('adviceCliproxyOwner', { pid: conflict.owner.pid }) : '',
      instead: conflict.suggestedPort ? d('adviceCliproxyInstead', { port: conflict.suggestedPort }) : '',
    });
  }
  const stop = conflict.owner ? d('stopProcess', { pid: conflict.owner.pid }) : d('stopProgram');
  return conflict.suggestedPort ? d('adviceOtherPort', { stop, port: conflict.suggestedPort, taken: conflict.port }) : d('adviceNoPort', { stop, taken: conflict.port });
}

export async function askAboutPortConflict(
  showMessageBox: ShowMessageBox,
  status: Extract<ProxyStatus, { kind: 'port-conflict' }>,
  options: { trayAvailable: boolean; t: Translate },
): Promise<PortConflictChoice> {
  const { t } = options;
  const port = status.conflict.suggestedPort;
  const last = t(options.trayAvailable ? 'desktop:dialog.notNow' : 'desktop:dialog.quit');
  const buttons = port ? [t('desktop:dialog.usePortOnce', { port }), t('desktop:dialog.usePortSave', { port }), last] : [last];
  const { response } = await showMessageBox({
    type: 'warning',
    title: 'CLIProxy Desktop',
    message: status.message,
    detail: portConflictAdviceIn(status.conflict, t),
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
  options: { trayAvailable: boolean; configPath: string | null; t: Translate },
): Promise<StartFailureChoice> {
  const { t } = options;
  const last = t(options.trayAvailable ? 'desktop:dialog.close' : 'desktop:dialog.quit');
  const { response } = await showMessageBox({
    type: 'error',
    title: 'CLIProxy Desktop',
    message: t('desktop:dialog.didNotStart'),
    detail: `${status.message.replace(/^The proxy did not start: /, '')}\n\n${t('desktop:dialog.configFile', { path: options.configPath ?? t('desktop:dialog.configNotFound') })}`,
    buttons: [t('desktop:dialog.showConfig'), last],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  if (response === 0) return { kind: 'show-config' };
  return options.trayAvailable ? { kind: 'dismiss' } : { kind: 'quit' };
}
