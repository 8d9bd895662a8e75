/**
 * The tray's "Connect a tool" submenu: each coding tool with its setup status (detected first, as the proxy
 * lists them), and Set up / Revert in place; the diff preview and the editor extensions' values are on the
 * dashboard's "Connect your tools" page.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { ClientSetupView } from '../core/proxy-core.js';
import type { Translate } from '../i18n/index.js';
import type { TrayState } from './tray-state.js';

export interface ConnectActions {
  setUp(clientId: string): void;
  revert(clientId: string): void;
  /** Opens the dashboard's "Connect your tools" page (diff preview, model choice, guided values). */
  openPage(): void;
}

function clientItem(client: ClientSetupView, actions: ConnectActions, running: boolean, t: Translate): MenuItemConstructorOptions {
  return {
    id: `connect:${client.id}`,
    label: t('desktop:connect.item', { name: client.name, state: t(`desktop:connect.state.${client.state}`) }) + (client.detected ? '' : t('desktop:connect.notFound')),
    submenu: [
      { id: `connect:${client.id}:message`, label: client.message, enabled: false },
      {
        id: `connect:${client.id}:setup`,
        label: t(client.state === 'this-proxy' ? 'desktop:connect.setUpAgain' : 'desktop:connect.setUp'),
        enabled: running && client.state !== 'unreadable',
        click: () => actions.setUp(client.id),
      },
      { id: `connect:${client.id}:preview`, label: t('desktop:connect.preview'), enabled: running, click: () => actions.openPage() },
      { id: `connect:${client.id}:revert`, label: t('desktop:connect.revert'), enabled: running && client.revertible, click: () => actions.revert(client.id) },
    ],
  };
}

export function connectMenu(state: TrayState, actions: ConnectActions, running: boolean, t: Translate): MenuItemConstructorOptions {
  const clients = state.snapshot?.clients ?? [];
  const files = clients.filter((client) => client.kind === 'file');
  const submenu: MenuItemConstructorOptions[] = files.map((client) => clientItem(client, actions, running, t));
  if (submenu.length === 0) submenu.push({ id: 'connect:none', label: t(running ? 'desktop:connect.unavailable' : 'desktop:connect.startFirst'), enabled: false });
  if (clients.some((client) => client.kind === 'guided')) {
    submenu.push({ type: 'separator' }, { id: 'connect:guided', label: t('desktop:connect.guided'), enabled: running, click: () => actions.openPage() });
  }
  return { id: 'connect', label: t('desktop:connect.menu'), submenu };
}
