/**
 * The tray's "Connect a tool" submenu: each coding tool with its setup status (detected first, as the proxy
 * lists them), and Set up / Revert in place; the diff preview and the editor extensions' values are on the
 * dashboard's "Connect your tools" page.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { ClientSetupView } from '../core/proxy-core.js';
import type { TrayState } from './tray-state.js';

export interface ConnectActions {
  setUp(clientId: string): void;
  revert(clientId: string): void;
  /** Opens the dashboard's "Connect your tools" page (diff preview, model choice, guided values). */
  openPage(): void;
}

const STATE_LABELS: Record<ClientSetupView['state'], string> = {
  'this-proxy': 'points here',
  elsewhere: 'points elsewhere',
  'not-set-up': 'not set up',
  'changed-since-written': 'changed since we wrote it',
  unreadable: 'settings file unreadable',
};

function clientItem(client: ClientSetupView, actions: ConnectActions, running: boolean): MenuItemConstructorOptions {
  return {
    id: `connect:${client.id}`,
    label: `${client.name} — ${STATE_LABELS[client.state]}${client.detected ? '' : ' (not found here)'}`,
    submenu: [
      { id: `connect:${client.id}:message`, label: client.message, enabled: false },
      {
        id: `connect:${client.id}:setup`,
        label: client.state === 'this-proxy' ? 'Set up again' : 'Set up',
        enabled: running && client.state !== 'unreadable',
        click: () => actions.setUp(client.id),
      },
      { id: `connect:${client.id}:preview`, label: 'Preview the change in the dashboard…', enabled: running, click: () => actions.openPage() },
      { id: `connect:${client.id}:revert`, label: 'Revert to the file from before', enabled: running && client.revertible, click: () => actions.revert(client.id) },
    ],
  };
}

export function connectMenu(state: TrayState, actions: ConnectActions, running: boolean): MenuItemConstructorOptions {
  const clients = state.snapshot?.clients ?? [];
  const files = clients.filter((client) => client.kind === 'file');
  const submenu: MenuItemConstructorOptions[] = files.map((client) => clientItem(client, actions, running));
  if (submenu.length === 0) submenu.push({ id: 'connect:none', label: running ? 'Client setup is not available from this proxy' : 'Start the proxy to connect tools', enabled: false });
  if (clients.some((client) => client.kind === 'guided')) {
    submenu.push({ type: 'separator' }, { id: 'connect:guided', label: 'Editor extensions and apps (Cline, Roo Code, Cherry Studio…)…', enabled: running, click: () => actions.openPage() });
  }
  return { id: 'connect', label: 'Connect a tool', submenu };
}
