/**
 * The config.yaml written on first start: the settings a new user is likely to change, explained, plus
 * commented-out examples for API-key providers. Uncommenting an example block gives a valid config.
 */
import type * as fsPromises from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { randomSecret } from '../shared/index.js';
import { ConfigError } from './config-error.js';

export interface DefaultConfigKeys {
  /** Goes into `api-keys`; what tools send to the proxy. */
  clientKey: string;
  /** Goes into `remote-management.secret-key`. */
  managementKey: string;
}

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
const quote = (value: string): string => JSON.stringify(value);

export function renderDefaultConfig(keys: DefaultConfigKeys): string {
  return `# CLIProxy Desktop configuration. The format is CLIProxyAPI's config.yaml, so an existing one works too.
# Changes are applied while the proxy runs, except host and port, which need a restart.

# Where the proxy listens. "127.0.0.1" accepts connections from this computer only;
# "0.0.0.0" accepts them from your network as well (then keep api-keys set).
host: "127.0.0.1"
port: 8317

# Folder with your account logins (one JSON file per account). Shared with CLIProxyAPI.
auth-dir: "~/.cli-proxy-api"

# Keys your tools must send to use the proxy (as "Authorization: Bearer <key>", "x-api-key" or "?key=").
# With an empty list, anyone who can reach the port can use your accounts.
api-keys:
  - ${quote(keys.clientKey)}

# Management API (/v0/management) and dashboard (/ui).
remote-management:
  # false: only this computer may use the management API.
  allow-remote: false
  # The management key. Keep it secret; the dashboard asks for it.
  secret-key: ${quote(keys.managementKey)}
  # true hides the dashboard served at /ui.
  disable-control-panel: false

# Count requests and tokens per account, model and key (shown on the dashboard).
usage-statistics-enabled: true

# When a request fails on every account, try again up to request-retry more times, waiting at most
# max-retry-interval seconds for an account to come back from its cooldown (e.g. after a quota error).
request-retry: 3
max-retry-interval: 30

routing:
  # How requests spread over several accounts for the same model: round-robin or fill-first
  # (use one account until it runs out, then the next).
  strategy: round-robin

streaming:
  # Send a keep-alive comment every N seconds on streaming responses (0 = off). Helps with proxies
  # that close quiet connections.
  keepalive-seconds: 15

# Provider API keys. Remove the leading "# " from the lines of a block to use it.
#
# Google Gemini (keys from https://aistudio.google.com/apikey):
# gemini-api-key:
#   - api-key: "AIza..."
#
# Anthropic Claude:
# claude-api-key:
#   - api-key: "sk-ant-..."
#     # Optional: another Anthropic-compatible endpoint.
#     # base-url: "https://api.anthropic.com"
#
# OpenAI / Codex (base-url is required):
# codex-api-key:
#   - api-key: "sk-..."
#     base-url: "https://api.openai.com/v1"
#
# Any OpenAI-compatible service (OpenRouter, a local server, ...).
# Models: tools ask for the alias, the service receives the name.
# openai-compatibility:
#   - name: "openrouter"
#     base-url: "https://openrouter.ai/api/v1"
#     api-key-entries:
#       - api-key: "sk-or-v1-..."
#     models:
#       - name: "moonshotai/kimi-k2:free"
#         alias: "kimi-k2"
`;
}

export type KeyPurpose = 'client' | 'management';

/** Production key generator: `sk-cliproxy-` + 32 url-safe characters for clients, 32 plain ones for management. */
export function generateConfigKey(purpose: KeyPurpose): string {
  return purpose === 'client' ? randomSecret('sk-cliproxy-', 32) : randomSecret('', 32);
}

/** The parts of `node:fs/promises` used here; production passes the module itself. */
export type EnsureConfigFileSystem = Pick<typeof fsPromises, 'stat' | 'mkdir' | 'open' | 'link' | 'rename' | 'unlink'>;

export interface EnsureConfigFileOptions {
  fs: EnsureConfigFileSystem;
  /** Defaults to `generateConfigKey`. */
  randomKey?: (purpose: KeyPurpose) => string;
}

export type EnsureConfigFileResult =
  | { created: false }
  /** The keys are returned so the caller can show them once; they are not logged anywhere else. */
  | { created: true; clientKey: string; managementKey: string };

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

async function exists(fs: EnsureConfigFileSystem, filePath: string): Promise<boolean> {
  try {
    await fs.stat(filePath);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Creates config.yaml with fresh keys when it does not exist. The folder is created with mode 0700 and the
 * file with 0600. The file is written to a temp name and hard-linked into place, so it appears complete or
 * not at all and an existing file (even one created a moment ago by another process) is never replaced.
 */
export async function ensureConfigFile(filePath: string, options: EnsureConfigFileOptions): Promise<EnsureConfigFileResult> {
  const { fs } = options;
  if (await exists(fs, filePath)) return { created: false };
  const randomKey = options.randomKey ?? generateConfigKey;
  const clientKey = randomKey('client');
  const managementKey = randomKey('management');
  const directory = path.dirname(filePath);
  const temporary = path.join(directory, `.${path.basename(filePath)}.${randomBytes(6).toString('hex')}.tmp`);
  let linked = false;
  try {
    await fs.mkdir(directory, { recursive: true, mode: 0o700 });
    const handle = await fs.open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(renderDefaultConfig({ clientKey, managementKey }), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.link(temporary, filePath);
      linked = true;
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return { created: false };
      // Some file systems (FAT, some network shares) have no hard links: fall back to check-then-rename.
      if (await exists(fs, filePath)) return { created: false };
      await fs.rename(temporary, filePath);
      return { created: true, clientKey, managementKey };
    }
  } catch (error) {
    const code = errorCode(error);
    const fix = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? '; choose a writable place with --config or CLIPROXY_CONFIG' : '';
    throw new ConfigError(filePath, { key: '', message: `cannot create the config file: ${(error as Error).message}${fix}` }, { cause: error });
  } finally {
    await fs.unlink(temporary).catch(() => undefined);
  }
  return linked ? { created: true, clientKey, managementKey } : { created: false };
}
