/**
 * Where CLIProxy Desktop keeps its files. Pure functions: the caller passes `platform`, `env` and `home`
 * (from `process.platform`, `process.env`, `os.homedir()`), so every platform's answer is testable anywhere.
 */
import path from 'node:path';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface PlatformContext {
  platform: NodeJS.Platform;
  env: Environment;
  home: string;
}

/** Folder name on Linux and other Unix systems (XDG). */
export const UNIX_FOLDER_NAME = 'cliproxy-desktop';
/** Folder name on macOS and Windows. */
export const APP_FOLDER_NAME = 'CLIProxy Desktop';
/** Overrides the data directory (usage database, logs) on every platform. */
export const DATA_DIR_ENV = 'CLIPROXY_DATA_DIR';

/** The `path` flavour for a platform, so Windows paths come out with `\` even when computed on Linux. */
function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/**
 * `~` → `home`, `~/x` (or `~\x`) → `home/x`. Anything else, including `~user/x`, is returned unchanged.
 * The joined part uses Windows separators when `home` looks like a Windows path.
 */
export function expandHome(value: string, home: string): string {
  if (value === '~') return home;
  if (!value.startsWith('~/') && !value.startsWith('~\\')) return value;
  const windowsHome = /^[A-Za-z]:[\\/]|^\\\\/.test(home) || (home.includes('\\') && !home.includes('/'));
  return (windowsHome ? path.win32 : path.posix).join(home, value.slice(2));
}

/** XDG says relative values must be ignored. */
function absoluteEnv(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value && path.posix.isAbsolute(value) ? value : undefined;
}

function appDataDir({ platform, env, home }: PlatformContext): string | undefined {
  const paths = pathFor(platform);
  if (platform === 'darwin') return paths.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  if (platform === 'win32') {
    const appData = env.APPDATA?.trim() || paths.join(home, 'AppData', 'Roaming');
    return paths.join(appData, APP_FOLDER_NAME);
  }
  return undefined;
}

/**
 * Where `config.yaml` lives by default:
 * Linux `$XDG_CONFIG_HOME/cliproxy-desktop` (else `~/.config/cliproxy-desktop`),
 * macOS `~/Library/Application Support/CLIProxy Desktop`, Windows `%APPDATA%\CLIProxy Desktop`.
 */
export function defaultConfigDir(context: PlatformContext): string {
  const appDir = appDataDir(context);
  if (appDir) return appDir;
  const base = absoluteEnv(context.env, 'XDG_CONFIG_HOME') ?? path.posix.join(context.home, '.config');
  return path.posix.join(base, UNIX_FOLDER_NAME);
}

/**
 * Where the usage database and logs live: `$CLIPROXY_DATA_DIR` when set (a leading `~` is expanded), else
 * Linux `$XDG_DATA_HOME/cliproxy-desktop` (else `~/.local/share/cliproxy-desktop`), macOS and Windows the
 * config directory.
 */
export function defaultDataDir(context: PlatformContext): string {
  const override = context.env[DATA_DIR_ENV]?.trim();
  if (override) return expandHome(override, context.home);
  const appDir = appDataDir(context);
  if (appDir) return appDir;
  const base = absoluteEnv(context.env, 'XDG_DATA_HOME') ?? path.posix.join(context.home, '.local', 'share');
  return path.posix.join(base, UNIX_FOLDER_NAME);
}
