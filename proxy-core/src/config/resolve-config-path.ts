/**
 * Which config.yaml to use. Order: `--config`; env `CLIPROXY_CONFIG`, `CLIPROXY_CONFIG_PATH`, `CONFIG`,
 * `CONFIG_PATH`; `<cwd>/config.yaml` and `<cwd>/config/config.yaml` when they exist (so a CLIProxyAPI
 * folder keeps working); else `<defaultDir>/config.yaml`, which may not exist yet (see `ensureConfigFile`).
 * cliproxyapi-plusplus looks at the same variables (reference/inventory-server.md §2.3).
 */
import path from 'node:path';
import { expandHome, type Environment } from './paths.js';

export const CONFIG_FILE_NAME = 'config.yaml';
export const CONFIG_PATH_ENV_NAMES = ['CLIPROXY_CONFIG', 'CLIPROXY_CONFIG_PATH', 'CONFIG', 'CONFIG_PATH'] as const;

export type ConfigPathSource = 'flag' | 'env' | 'cwd' | 'default';

export interface ResolveConfigPathOptions {
  /** The `--config` value, if given. */
  flag?: string;
  env: Environment;
  cwd: string;
  /** From `defaultConfigDir()`. */
  defaultDir: string;
  /** Whether a file exists at this absolute path (production: `fs.existsSync`). */
  exists: (path: string) => boolean;
  /** When given, a leading `~` in the flag or env value is expanded (shells do not expand it inside `--config=~/x`). */
  home?: string;
}

export interface ResolvedConfigPath {
  /** Absolute path. */
  path: string;
  source: ConfigPathSource;
  /** The environment variable that chose the path, when `source` is `env`. */
  variable?: string;
}

export function resolveConfigPath(options: ResolveConfigPathOptions): ResolvedConfigPath {
  const absolute = (value: string): string =>
    path.resolve(options.cwd, options.home === undefined ? value : expandHome(value, options.home));

  const flag = options.flag?.trim();
  if (flag) return { path: absolute(flag), source: 'flag' };

  for (const variable of CONFIG_PATH_ENV_NAMES) {
    const value = options.env[variable]?.trim();
    if (value) return { path: absolute(value), source: 'env', variable };
  }

  for (const candidate of [path.join(options.cwd, CONFIG_FILE_NAME), path.join(options.cwd, 'config', CONFIG_FILE_NAME)]) {
    const resolved = path.resolve(candidate);
    if (options.exists(resolved)) return { path: resolved, source: 'cwd' };
  }

  return { path: path.resolve(options.defaultDir, CONFIG_FILE_NAME), source: 'default' };
}
