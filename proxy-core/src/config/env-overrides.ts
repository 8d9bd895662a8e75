import type { ProxyConfig } from './proxy-config.js';

/** What an environment override changed, for a log line (values of secrets are never included). */
export interface EnvOverrideResult {
  config: ProxyConfig;
  applied: string[];
  /** Variables set to something unusable: named with what they accept. */
  problems: string[];
}

const TRUE = new Set(['true', 'yes', '1', 'on']);
const FALSE = new Set(['false', 'no', '0', 'off']);
const STRATEGIES: Record<string, ProxyConfig['routingStrategy']> = {
  'round-robin': 'round-robin',
  rr: 'round-robin',
  'fill-first': 'fill-first',
  ff: 'fill-first',
  'weighted-round-robin': 'weighted-round-robin',
  wrr: 'weighted-round-robin',
};

/**
 * The `CLIPROXY_*` overrides (CLIProxyAPI plusplus): applied on every load and reload, after config.yaml, so a
 * container or service manager can pin them. `CLIPROXY_SECRET_KEY` may be plain (compared in constant time) or a
 * bcrypt hash.
 */
export function applyEnvOverrides(config: ProxyConfig, env: Readonly<Record<string, string | undefined>>): EnvOverrideResult {
  const read = (name: string) => {
    const value = env[name] ?? env[name.toLowerCase()];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const next: ProxyConfig = { ...config, remoteManagement: { ...config.remoteManagement } };
  const applied: string[] = [];
  const problems: string[] = [];
  const flag = (name: string, set: (value: boolean) => void) => {
    const value = read(name);
    if (value === undefined) return;
    if (TRUE.has(value.toLowerCase())) set(true);
    else if (FALSE.has(value.toLowerCase())) set(false);
    else return void problems.push(`${name}=${value} is not a yes/no value (use true/false, yes/no, 1/0 or on/off); ignored`);
    applied.push(name);
  };

  const host = read('CLIPROXY_HOST');
  if (host !== undefined) {
    next.host = host;
    applied.push('CLIPROXY_HOST');
  }
  const port = read('CLIPROXY_PORT');
  if (port !== undefined) {
    const number = Number(port);
    if (Number.isInteger(number) && number >= 0 && number <= 65535) {
      next.port = number;
      applied.push('CLIPROXY_PORT');
    } else problems.push(`CLIPROXY_PORT=${port} is not a port (0–65535); ignored`);
  }
  const secret = read('CLIPROXY_SECRET_KEY');
  if (secret !== undefined) {
    next.remoteManagement.secretKey = secret;
    applied.push('CLIPROXY_SECRET_KEY');
  }
  flag('CLIPROXY_ALLOW_REMOTE', (value) => (next.remoteManagement.allowRemote = value));
  flag('CLIPROXY_DEBUG', (value) => (next.debug = value));
  const strategy = read('CLIPROXY_ROUTING_STRATEGY');
  if (strategy !== undefined) {
    const known = STRATEGIES[strategy.toLowerCase()];
    if (known) {
      next.routingStrategy = known;
      applied.push('CLIPROXY_ROUTING_STRATEGY');
    } else problems.push(`CLIPROXY_ROUTING_STRATEGY=${strategy} is not round-robin (rr), fill-first (ff) or weighted-round-robin (wrr); ignored`);
  }
  const keys = read('CLIPROXY_API_KEYS');
  if (keys !== undefined) {
    next.apiKeys = [...new Set(keys.split(',').map((key) => key.trim()).filter(Boolean))];
    applied.push('CLIPROXY_API_KEYS');
  }
  return { config: applied.length > 0 ? next : config, applied, problems };
}
