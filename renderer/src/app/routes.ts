import type { IconName } from '../components/index.js';

/** `label` is the English name (tests and links use it); the sidebar shows `nav.<id>` from the common catalogue. */
export const ROUTES = [
  { id: 'overview', label: 'Overview', icon: 'overview' },
  { id: 'accounts', label: 'Accounts', icon: 'accounts' },
  { id: 'models', label: 'Models', icon: 'models' },
  { id: 'connect', label: 'Connect your tools', icon: 'external' },
  { id: 'usage', label: 'Usage', icon: 'usage' },
  { id: 'requests', label: 'Requests', icon: 'search' },
  { id: 'logs', label: 'Logs', icon: 'logs' },
  { id: 'troubleshooting', label: 'Troubleshooting', icon: 'troubleshooting' },
  { id: 'settings', label: 'Settings', icon: 'settings' },
] as const satisfies ReadonlyArray<{ id: string; label: string; icon: IconName }>;

export type RouteId = (typeof ROUTES)[number]['id'];

/** `#/accounts` → 'accounts'; anything unknown is the overview. Hash routing works under /ui and in Electron alike. */
export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (ROUTES.find((route) => route.id === id)?.id ?? 'overview') as RouteId;
}
