import os from 'node:os';

/** Go's names for the machine, as the reference reports it (`runtime.GOOS runtime.GOARCH`). */
const GO_ARCH: Record<string, string> = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' };
const GO_OS: Record<string, string> = { win32: 'windows' };

/** The `X-Msh-*` device headers Kimi wants on auth and API calls; the device id is the account's own (kept in its file). */
export function kimiDeviceHeaders(deviceId: string, platform: string): Record<string, string> {
  return {
    'x-msh-platform': platform,
    'x-msh-version': '1.10.6',
    'x-msh-device-name': os.hostname() || 'unknown',
    'x-msh-device-model': `${GO_OS[process.platform] ?? process.platform} ${GO_ARCH[process.arch] ?? process.arch}`,
    'x-msh-device-id': deviceId,
  };
}

/** The reference's fallback when no device id is known. */
export const DEFAULT_KIMI_DEVICE_ID = 'cli-proxy-api-device';
