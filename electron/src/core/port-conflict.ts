/**
 * When the proxy's port is taken: who holds it (when the system lets us tell) and which port to offer instead.
 */
import { findFreePortNear, type PortOwner } from './proxy-core.js';

export interface PortConflict {
  host: string;
  port: number;
  /** The listening process, when it could be identified (Linux, same user). */
  owner: PortOwner | null;
  /** A free port near the wanted one (never a login callback port), or null when none was found. */
  suggestedPort: number | null;
  /** The holder is a CLIProxy itself (`cliproxyctl serve`, another copy of the app): its address and version. */
  cliproxy?: { url: string; version: string } | null;
}

export interface PortProbe {
  findPortOwner(port: number): Promise<PortOwner | undefined>;
  isPortFree(port: number, host: string): Promise<boolean>;
  /** Whether a CLIProxy answers /health at `url` (proxy-core's probeCliproxy). */
  identifyCliproxy?(url: string): Promise<{ url: string; version: string } | undefined>;
}

export async function describePortConflict(probe: PortProbe, host: string, port: number): Promise<PortConflict> {
  const reachable = `http://${host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host}:${port}`;
  const [owner, suggestedPort, cliproxy] = await Promise.all([
    probe.findPortOwner(port).catch(() => undefined),
    findFreePortNear({ isFree: (candidate, on) => probe.isPortFree(candidate, on) }, host, port),
    probe.identifyCliproxy?.(reachable).catch(() => undefined),
  ]);
  return { host, port, owner: owner ?? null, suggestedPort, cliproxy: cliproxy ?? null };
}

function shorten(text: string, max = 90): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One sentence for a dialog, the tray or a log: who holds the port. */
export function portConflictMessage(conflict: PortConflict): string {
  if (conflict.cliproxy) return `CLIProxy is already running at ${conflict.cliproxy.url}/ui (version ${conflict.cliproxy.version}), started outside this window (cliproxyctl serve, or another copy of the app).`;
  const who = conflict.owner
    ? `by "${shorten(conflict.owner.command)}" (process ${conflict.owner.pid})`
    : 'by another program (which one could not be determined)';
  return `Port ${conflict.port} on ${conflict.host} is already in use ${who}.`;
}

/** What to do about it, for the dialog's detail text. */
export function portConflictAdvice(conflict: PortConflict): string {
  if (conflict.cliproxy) {
    return `Use that one (its dashboard is at ${conflict.cliproxy.url}/ui), stop it (Ctrl-C in its terminal${conflict.owner ? `, or process ${conflict.owner.pid}` : ''})${conflict.suggestedPort ? `, or start this app's proxy on port ${conflict.suggestedPort} instead` : ''}.`;
  }
  const stop = conflict.owner ? `Stop process ${conflict.owner.pid}, or ` : 'Stop that program, or ';
  return conflict.suggestedPort
    ? `${stop}start the proxy on port ${conflict.suggestedPort} instead. Tools set to port ${conflict.port} need the new address until you switch back.`
    : `${stop}set another port in config.yaml; no free port was found near ${conflict.port}.`;
}
