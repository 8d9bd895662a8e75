import { loopbackUrl } from './client-api.js';
import type { CheckDefinition, CheckOutcome, FixOutcome } from './check-definition.js';
import type { DiagnosticsContext, PortProbe } from './context.js';
import type { PortOwner } from './port-owner.js';

/** The fixed local callback ports of the browser logins (the vendors register these redirect addresses). */
export const OAUTH_CALLBACK_PORTS: ReadonlyArray<{ provider: string; name: string; port: number }> = [
  { provider: 'claude', name: 'Claude Code', port: 54545 },
  { provider: 'codex', name: 'Codex (ChatGPT)', port: 1455 },
  { provider: 'gemini-cli', name: 'Gemini CLI', port: 8085 },
  { provider: 'antigravity', name: 'Antigravity', port: 51121 },
];

function ownerText(owner: PortOwner | undefined, selfPid: number | undefined): string {
  if (!owner) return 'another program (its process is not visible to this user)';
  if (owner.pid === selfPid) return 'this proxy';
  return `pid ${owner.pid}: ${owner.command}`;
}

async function runPort(context: DiagnosticsContext): Promise<CheckOutcome> {
  const config = context.config().loaded?.config;
  if (context.proxy) {
    const address = context.proxy.address();
    const evidence: Record<string, unknown> = { listening: address.url, host: address.host, port: address.port, pid: context.proxy.pid };
    if (config && config.port !== 0 && config.port !== address.port) {
      const free = await context.ports.isFree(config.port, config.host);
      const owner = free ? undefined : await context.ports.owner(config.port);
      evidence.configuredPort = config.port;
      evidence.configuredPortFree = free;
      if (owner) evidence.configuredPortOwner = owner;
      return {
        status: 'warn',
        summary: `The proxy listens on ${address.url}, but config.yaml now asks for port ${config.port}${free ? '' : `, which is held by ${ownerText(owner, context.proxy.pid)}`}; port changes apply after a restart.`,
        evidence,
        remediation: free ? 'Restart the proxy to move to the new port.' : `Stop that program or choose another port, then restart the proxy.`,
      };
    }
    return { status: 'pass', summary: `The proxy is listening on ${address.url}.`, evidence };
  }
  if (!config) return { status: 'unknown', summary: 'The port is not known until config.yaml loads (see the config file check).', evidence: {} };
  const { host, port } = config;
  if (port === 0) return { status: 'pass', summary: 'A free port is chosen at start (port: 0).', evidence: { host, port } };
  if (await context.ports.isFree(port, host)) return { status: 'pass', summary: `Port ${port} on ${host} is free: the proxy can start.`, evidence: { host, port, inUse: false } };
  if (context.running) {
    return { status: 'pass', summary: `The proxy is already running on ${context.running.url} (version ${context.running.version}).`, evidence: { host, port, inUse: true, ownedByProxy: true, version: context.running.version } };
  }
  const owner = await context.ports.owner(port);
  return {
    status: 'fail',
    summary: `Port ${port} is used by ${ownerText(owner, undefined)}, so the proxy cannot start.`,
    evidence: { host, port, inUse: true, ownedByProxy: false, owner: owner ?? null },
    remediation: `Stop that program, or set another port in config.yaml (e.g. port: ${port + 1}); \`cliproxyctl doctor --fix\` picks a free one and writes it for you.`,
  };
}

/** How many ports after the configured one the "Use a free port" fix tries. */
export const FREE_PORT_ATTEMPTS = 20;

/** The first free port after `from` on `host` (up to `attempts` of them), skipping the login callback ports; null when none is free. */
export async function findFreePortNear(ports: Pick<PortProbe, 'isFree'>, host: string, from: number, attempts = FREE_PORT_ATTEMPTS): Promise<number | null> {
  const reserved = new Set(OAUTH_CALLBACK_PORTS.map((entry) => entry.port));
  for (let port = from + 1; port <= Math.min(65535, from + attempts); port += 1) {
    if (!reserved.has(port) && (await ports.isFree(port, host))) return port;
  }
  return null;
}

/** doctor's "Use a free port": writes a free port near the configured one to config.yaml (after the user confirms). */
async function useFreePort(context: DiagnosticsContext): Promise<FixOutcome> {
  const view = context.config();
  const config = view.loaded?.config;
  if (!config) return { ok: false, message: 'The port is not known: config.yaml does not load (see the config file check).' };
  if (!context.editConfig) return { ok: false, message: 'This fix edits config.yaml: run `cliproxyctl doctor --fix`.' };
  const { host, port } = config;
  if (port === 0 || (await context.ports.isFree(port, host))) return { ok: true, message: `Port ${port} is free now; config.yaml was left alone.` };
  const next = await findFreePortNear(context.ports, host, port);
  if (next === null) {
    return { ok: false, message: `No free port between ${port + 1} and ${Math.min(65535, port + FREE_PORT_ATTEMPTS)} on ${host}: stop the program holding ${port}, or set another port in ${view.path} by hand.` };
  }
  const written = await context.editConfig([{ path: ['port'], value: next }]);
  if (!written.ok) return { ok: false, message: `Port ${next} is free, but ${written.reason}. Make the file writable and run the fix again, or set port: ${next} by hand.` };
  return {
    ok: true,
    message: `Set port: ${next} in ${view.path} (port ${port} is taken). The proxy starts on ${loopbackUrl(host, next)}; point your tools there (they may still use port ${port}).`,
  };
}

async function runCallbackPorts(context: DiagnosticsContext): Promise<CheckOutcome> {
  const selfPid = context.proxy?.pid;
  const rows = await Promise.all(
    OAUTH_CALLBACK_PORTS.map(async (entry) => {
      const free = await context.ports.isFree(entry.port, '127.0.0.1');
      const owner = free ? undefined : await context.ports.owner(entry.port);
      return { ...entry, free, owner, heldBy: free ? null : ownerText(owner, selfPid), self: !free && owner !== undefined && owner.pid === selfPid };
    }),
  );
  const blocked = rows.filter((row) => !row.free && !row.self);
  const evidence = Object.fromEntries(rows.map((row) => [row.name, { port: row.port, free: row.free, heldBy: row.heldBy }]));
  if (blocked.length === 0) {
    const waiting = rows.filter((row) => row.self);
    return {
      status: 'pass',
      summary: waiting.length > 0
        ? `Login callback ports are free (${waiting.map((row) => `${row.port} is held by a login this proxy is waiting on`).join('; ')}).`
        : 'Every login callback port is free (Claude 54545, Codex 1455, Gemini CLI 8085, Antigravity 51121).',
      evidence,
    };
  }
  return {
    status: 'warn',
    summary: `A browser login would fail to start its callback server: ${blocked.map((row) => `${row.name} port ${row.port} is held by ${row.heldBy}`).join('; ')}.`,
    evidence,
    remediation: `Stop the program holding the port, or log in on another port: cliproxyctl login --provider ${blocked[0].provider} --oauth-callback-port <free port> (or use the paste-the-address flow with --no-browser).`,
  };
}

export const portChecks: readonly CheckDefinition[] = [
  {
    id: 'port',
    title: 'Proxy port',
    symptom: 'The proxy does not start, or clients get "connection refused" on 127.0.0.1:8317',
    cause: 'Another program holds the port, or the port changed in config.yaml without a restart',
    needs: 'files',
    run: runPort,
    fix: { id: 'use-free-port', label: 'Use a free port', needs: 'files', editsConfig: true, apply: useFreePort },
  },
  {
    id: 'oauth-callback-ports',
    title: 'Login callback ports',
    symptom: '"failed to start callback server" / "address already in use" when logging in (Gemini CLI 8085, Claude, Codex, Antigravity)',
    cause: 'Another program already listens on the login\'s fixed local callback port',
    needs: 'files',
    run: runCallbackPorts,
  },
];
