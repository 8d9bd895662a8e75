import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConfigDir, defaultDataDir } from '../config/paths.js';
import { resolveConfigPath, type ResolvedConfigPath } from '../config/resolve-config-path.js';

/** What a CLI command needs from the machine; injected in tests. */
export interface CliEnvironment {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  home: string;
  platform: NodeJS.Platform;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The built dashboard served at /ui, if there is one. */
  dashboardDir?: string;
}

export function processEnvironment(): CliEnvironment {
  return {
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    home: os.homedir(),
    platform: process.platform,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    // The CLI runs from dist/cli/; the dashboard is built into dist/renderer/.
    dashboardDir: fileURLToPath(new URL('../renderer', import.meta.url)),
  };
}

export function locateConfig(environment: CliEnvironment, flag: string | undefined): ResolvedConfigPath {
  const context = { platform: environment.platform, env: environment.env, home: environment.home };
  return resolveConfigPath({ flag, env: environment.env, cwd: environment.cwd, defaultDir: defaultConfigDir(context), exists: existsSync, home: environment.home });
}

export function dataDirFor(environment: CliEnvironment): string {
  return defaultDataDir({ platform: environment.platform, env: environment.env, home: environment.home });
}

export function displayPath(file: string, home: string): string {
  return file.startsWith(home + path.sep) ? `~${file.slice(home.length)}` : file;
}
