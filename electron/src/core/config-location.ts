/**
 * Which config.yaml the desktop app runs, chosen exactly like `cliproxyctl serve` does (proxy-core's
 * `locateConfig` and `ensureConfigFile`), with the app's own setting standing in for `--config` when the app
 * was not started with one.
 */
import { promises as fsPromises } from 'node:fs';
import { ensureConfigFile, locateConfig, type CliEnvironment } from './proxy-core.js';

export interface ConfigLocationInput {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  home: string;
  platform: NodeJS.Platform;
  /** The settings' `configPath`, if the user chose one in the app. */
  chosenPath?: string;
  /** Defaults to node:fs/promises. */
  fs?: Parameters<typeof ensureConfigFile>[1]['fs'];
}

export interface ConfigLocation {
  path: string;
  source: 'flag' | 'settings' | 'env' | 'cwd' | 'default';
  /** Set when the file was created now: its fresh keys, to be pointed at once (never logged). */
  created: { clientKey: string; managementKey: string } | null;
}

/** `--config PATH` or `--config=PATH` from the command line. */
export function configFlag(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--config') return argv[index + 1];
    if (argument.startsWith('--config=')) return argument.slice('--config='.length);
  }
  return undefined;
}

export async function locateAndEnsureConfig(input: ConfigLocationInput): Promise<ConfigLocation> {
  // locateConfig reads only these four fields of the CLI's environment; the app has no CLI I/O to give it.
  // (config-location.test.ts runs the real function, so a field it starts to need shows up there.)
  const environment = { env: input.env, cwd: input.cwd, home: input.home, platform: input.platform } satisfies Pick<CliEnvironment, 'env' | 'cwd' | 'home' | 'platform'>;
  const flag = configFlag(input.argv)?.trim() || undefined;
  const located = locateConfig(environment as CliEnvironment, flag ?? input.chosenPath);
  const source = located.source === 'flag' && !flag ? 'settings' : located.source;
  const result = await ensureConfigFile(located.path, { fs: input.fs ?? fsPromises });
  return { path: located.path, source, created: result.created ? { clientKey: result.clientKey, managementKey: result.managementKey } : null };
}
