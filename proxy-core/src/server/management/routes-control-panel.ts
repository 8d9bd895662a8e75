import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Router } from '../router.js';
import type { ManagementServices } from './services.js';

/** Where the reference looks for its web panel: `static/management.html` beside config.yaml. */
export function controlPanelPath(configPath: string): string {
  return path.join(path.dirname(configPath), 'static', 'management.html');
}

/**
 * `GET /management.html`: CLIProxyAPI's Management Center when the user put it in `static/` beside the config
 * (this proxy never downloads it). 404 when the file is missing or `remote-management.disable-control-panel` is on.
 * The page itself holds no secret; every call it makes needs the management key.
 */
export function registerControlPanelRoute(router: Router, services: ManagementServices): void {
  router.add('GET', '/management.html', async ({ res }) => {
    const notFound = (): void => void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found: no control panel at static/management.html beside config.yaml, or remote-management.disable-control-panel is on.\n');
    if (services.runtime.current().config.remoteManagement.disableControlPanel) {
      notFound();
      return;
    }
    let page: Buffer;
    try {
      page = await readFile(controlPanelPath(services.config.path));
    } catch {
      notFound();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': page.length, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
    res.end(page);
  });
}
