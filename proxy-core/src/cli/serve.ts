import { existsSync, promises as fsPromises } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAME } from '../config/resolve-config-path.js';
import { defaultConfigDir } from '../config/paths.js';
import { loopbackUrl, probeCliproxy } from '../diagnostics/index.js';
import { ConfigError } from '../config/config-error.js';
import { ensureConfigFile } from '../config/default-config.js';
import { ProxyError } from '../shared/errors.js';
import { startProxy, type RunningProxy } from '../server/start-proxy.js';
import { intFlag, parseArgs, rejectUnknown, stringFlag } from './args.js';
import { createLocalKey, writeLocalControl } from './local-control.js';
import { dataDirFor, displayPath, locateConfig, type CliEnvironment } from './environment.js';

export const SERVE_HELP = `Usage: cliproxyctl serve [--config PATH] [--host HOST] [--port N]

Runs the proxy in the foreground until Ctrl-C.

  --config PATH   an existing config.yaml to use (a path that does not exist is an error).
                  Default: $CLIPROXY_CONFIG, ./config.yaml, or
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
  if (located.source === 'flag' && !existsSync(located.path)) {
    // A typo in --config must not start a fresh proxy with new keys next to the real config.
    environment.stderr(
      `cliproxyctl serve: ${displayPath(located.path, environment.home)} does not exist. Check the path; to start with a new config, run \`cliproxyctl serve\` without --config (it creates ${displayPath(defaultConfigPath(environment), environment.home)}).\n`,
    );
    return 1;
  }
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
    if (error instanceof ProxyError && error.details.reason === 'EADDRINUSE') {
      const host = String(error.details.host);
      const port = Number(error.details.port);
      const running = await probeCliproxy(loopbackUrl(host, port));
      if (running) {
        environment.stderr(`cliproxyctl: CLIProxy is already running at ${running.url}/ui (version ${running.version}). Use that one, or stop it first (Ctrl-C in its terminal, or Quit in the tray).\n`);
        return 1;
      }
    }
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

function defaultConfigPath(environment: CliEnvironment): string {
  return path.join(defaultConfigDir({ platform: environment.platform, env: environment.env, home: environment.home }), CONFIG_FILE_NAME);
}

