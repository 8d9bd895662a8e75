/**
 * The LAN switch: GET /network says where the proxy listens and how other computers reach it; PUT /network
 * {lan} writes `host` to config.yaml (0.0.0.0 or 127.0.0.1) and re-listens in-process, no restart needed.
 * Listening on the LAN needs a client key, so other computers must present one.
 */
import { sendJson } from '../respond.js';
import type { Router } from '../router.js';
import { MANAGEMENT_BASE, networkPatchSchema, type NetworkPatchResult, type NetworkView } from './contract.js';
import { isAllInterfaces } from './network-view.js';
import { managed, managementError, readManagementBody } from './respond-management.js';
import type { ManagementServices } from './services.js';

export const LAN_HOST = '0.0.0.0';
export const LOOPBACK_HOST = '127.0.0.1';

function view(services: ManagementServices): NetworkView {
  const { host, port } = services.address();
  const lan = isAllInterfaces(host);
  return { host, port, lan, lanUrls: lan ? (services.network?.lanUrls(port) ?? []) : [], clientKeys: services.runtime.current().config.apiKeys.length };
}

export function registerNetworkRoutes(router: Router, services: ManagementServices): void {
  const base = MANAGEMENT_BASE;
  router.add('GET', `${base}/network`, managed(services, ({ res }) => sendJson(res, 200, view(services))));

  router.add('PUT', `${base}/network`, managed(services, async (context) => {
    const network = services.network;
    if (!network) throw managementError(404, 'This proxy cannot switch its listening address while it runs; change host in config.yaml and restart it.');
    const { lan } = await readManagementBody(context, networkPatchSchema);
    if (lan && services.runtime.current().config.apiKeys.length === 0) {
      throw managementError(409, 'Listening on the LAN needs a client key, so other computers must present one: add a key under api-keys (Settings or config.yaml) first.', { key: 'api-keys' });
    }
    const host = lan ? LAN_HOST : LOOPBACK_HOST;
    const previous = services.address().host;
    // Listen first (a busy port keeps the old address and says so), then record the choice in config.yaml.
    if (previous !== host) await network.relisten({ host });
    let write;
    try {
      write = await services.config.update([{ path: ['host'], value: host }]);
    } catch (error) {
      if (previous !== host) await network.relisten({ host: previous });
      throw error;
    }
    services.log(lan ? 'warn' : 'info', lan ? `listening on the LAN (${host}); other computers can reach the proxy with a client key` : `listening on ${host} only (this computer)`);
    sendJson(context.res, 200, { ...view(services), persisted: write.persisted, reason: write.reason } satisfies NetworkPatchResult);
  }));
}
