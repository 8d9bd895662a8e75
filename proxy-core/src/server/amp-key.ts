/**
 * The user's Amp key for Amp's own API when config.yaml has no `ampcode.upstream-api-key`: `AMP_API_KEY`,
 * else the key the Amp CLI saved at login (`secrets.json` under `$AMP_HOME`, `$XDG_DATA_HOME/amp` or
 * `~/.local/share/amp`, as `"apiKey@<amp url>/"`), so a user already logged in to Amp needs no extra key.
 */
import type * as fsPromises from 'node:fs/promises';
import path from 'node:path';

export interface AmpKeyDeps {
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  fs: Pick<typeof fsPromises, 'readFile'>;
}

export function ampSecretsFiles(env: AmpKeyDeps['env'], home: string): string[] {
  const files: string[] = [];
  if (env.AMP_HOME?.trim()) files.push(path.join(env.AMP_HOME.trim(), 'secrets.json'));
  const dataHome = env.XDG_DATA_HOME?.trim();
  if (dataHome && path.isAbsolute(dataHome)) files.push(path.join(dataHome, 'amp', 'secrets.json'));
  files.push(path.join(home, '.local', 'share', 'amp', 'secrets.json'));
  return files;
}

export function createAmpKeySource(deps: AmpKeyDeps) {
  return async (upstreamUrl: string): Promise<string | undefined> => {
    const fromEnv = deps.env.AMP_API_KEY?.trim();
    if (fromEnv) return fromEnv;
    const origin = upstreamUrl.replace(/\/+$/, '');
    for (const file of ampSecretsFiles(deps.env, deps.home)) {
      try {
        const secrets = JSON.parse(await deps.fs.readFile(file, 'utf8')) as Record<string, unknown>;
        const key = secrets[`apiKey@${origin}/`] ?? secrets[`apiKey@${origin}`];
        if (typeof key === 'string' && key.length > 0) return key;
      } catch {
        // missing or unreadable: try the next place
      }
    }
    return undefined;
  };
}
