import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { createInterface } from 'node:readline';
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
  /** Opens a web page in the user's browser (logins); resolves false when no browser could be started. */
  openUrl(url: string): Promise<boolean>;
  /** Lines typed or piped on standard input (a pasted callback address), until the input ends or `close()`. */
  stdinLines(): { lines: AsyncIterable<string>; close(): void };
  /** Calls `handler` on Ctrl-C (SIGINT) until the returned function is called (default: the process's SIGINT). */
  onInterrupt?(handler: () => void): () => void;
}

/** Ctrl-C for a command: the environment's hook, or the process's SIGINT. */
export function onInterrupt(environment: CliEnvironment, handler: () => void): () => void {
  if (environment.onInterrupt) return environment.onInterrupt(handler);
  process.once('SIGINT', handler);
  return () => process.off('SIGINT', handler);
}

/** The platform's "open this URL" command. */
export function browserCommand(platform: NodeJS.Platform, url: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')] };
  return { command: 'xdg-open', args: [url] };
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
    openUrl: (url) =>
      new Promise((resolve) => {
        const { command, args } = browserCommand(process.platform, url);
        try {
          const child = spawn(command, args, { stdio: 'ignore', detached: true });
          child.once('error', () => resolve(false));
          child.once('spawn', () => {
            child.unref();
            resolve(true);
          });
        } catch {
          resolve(false);
        }
      }),
    stdinLines: () => {
      const lines = createInterface({ input: process.stdin, terminal: false });
      return { lines, close: () => lines.close() };
    },
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
