import { promises as fsPromises } from 'node:fs';
import { ConfigError } from '../config/config-error.js';
import { ensureConfigFile } from '../config/default-config.js';
import { ProxyError } from '../shared/errors.js';
import { startProxy, type RunningProxy } from '../server/start-proxy.js';
import { intFlag, parseArgs, rejectUnknown, stringFlag } from './args.js';
import { createLocalKey, writeLocalControl } from './local-control.js';
import { dataDirFor, displayPath, locateConfig, type CliEnvironment } from './environment.js';

export const SERVE_HELP = `Usage: cliproxyctl serve [--config PATH] [--host HOST] [--port N]

Runs the proxy in the foreground until Ctrl-C.

  --config PATH   config.yaml to use. Default: $CLIPROXY_CONFIG, ./config.yaml, or
                  ~/.config/cliproxy-desktop/config.yaml (created with a new client key
                  on first run).
  --host HOST     listen address for this run (default: the file's host, 127.0.0.1)
  --port N        port for this run (default: the file's port, 8317; 0 = any free port)
`;

/** `cliproxyctl serve`: create the default config when missing, start, stop cleanly on SIGINT/SIGTERM. */
export async function serveCommand(environment: CliEnvironment, argv: readonly string[], onStarted?: (proxy: RunningProxy) => void): Promise<number> {
  const args = parseArgs(argv, new Set(['help']));
  if (args.flags.has('help')) {
    environment.stdout(SERVE_HELP);
    return 0;
  }
  rejectUnknown(args, ['config', 'host', 'port']);
  const located = locateConfig(environment, stringFlag(args, 'config'));
  const created = await ensureConfigFile(located.path, { fs: fsPromises });
  if (created.created) {
    environment.stdout(
      `Created ${displayPath(located.path, environment.home)} with a new client key (kept in the file, under api-keys) and a management key:\n` +
        `  client key:     ${created.clientKey}\n  management key: ${created.managementKey}\n` +
        `The management key (for the dashboard at /ui) is shown only this once: config.yaml keeps just its bcrypt hash. Save it now; \`cliproxyctl reset-management-key\` makes a new one.\n`,
    );
  }
  let proxy: RunningProxy;
  const dataDir = dataDirFor(environment);
  const localKey = createLocalKey();
  try {
    proxy = await startProxy(
      { configPath: located.path, host: stringFlag(args, 'host'), port: intFlag(args, 'port') },
      { dataDir, home: environment.home, dashboardDir: environment.dashboardDir, localManagementKey: localKey, env: environment.env },
    );
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ProxyError) {
      environment.stderr(`cliproxyctl: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  // `cliproxyctl status` on this machine talks to this proxy with the per-launch key.
  const control = await writeLocalControl(dataDir, { url: proxy.address.url, key: localKey, configPath: located.path }).catch(() => undefined);
  onStarted?.(proxy);
  environment.stdout(`Proxy ready at ${proxy.address.url} (config: ${displayPath(located.path, environment.home)}). Ctrl-C stops it.\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void proxy
        .close()
        .then(() => control?.remove())
        .then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
