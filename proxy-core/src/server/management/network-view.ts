/** Where the proxy can be reached from other computers: one URL per IPv4 address of this machine that is not loopback. */
import type { NetworkInterfaceInfo } from 'node:os';

export function lanUrls(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>, port: number): string[] {
  const urls: string[] = [];
  for (const addresses of Object.values(interfaces)) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal && !address.address.startsWith('127.') && !address.address.startsWith('169.254.')) urls.push(`http://${address.address}:${port}`);
    }
  }
  return [...new Set(urls)];
}

/** Hosts that mean "every interface" (the LAN), as opposed to one address. */
export function isAllInterfaces(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}
