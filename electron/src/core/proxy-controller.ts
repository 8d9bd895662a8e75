/**
 * Runs proxy-core in-process and owns its lifecycle: start (reporting a taken port with its owner and a free
 * port to offer), stop and restart (each closing the server and in-flight streams through `proxy.close()`).
 * Operations run one at a time, in order.
 */
import { describePortConflict, portConflictMessage, type PortConflict, type PortProbe } from './port-conflict.js';
import { ConfigError, ProxyError, type RunningProxy } from './proxy-core.js';

export type ProxyStatus =
  | { kind: 'stopped'; byUser: boolean }
  | { kind: 'starting' }
  | { kind: 'running'; url: string; host: string; port: number }
  | { kind: 'port-conflict'; conflict: PortConflict; message: string }
  | { kind: 'failed'; message: string };

export interface ProxyControllerDeps {
  /** Starts the proxy; `port` overrides config.yaml's for this run. */
  start(options: { port?: number }): Promise<RunningProxy>;
  probe: PortProbe;
  onChange?(status: ProxyStatus): void;
  log?(message: string): void;
}

export type ProxyController = ReturnType<typeof createProxyController>;

/** A loopback address to reach a proxy listening on `host` (a wildcard address is reached over loopback). */
export function reachableUrl(host: string, port: number): string {
  if (host === '0.0.0.0' || host === '') return `http://127.0.0.1:${port}`;
  if (host === '::' || host === '[::]') return `http://[::1]:${port}`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function isPortInUse(error: unknown): error is ProxyError {
  return ProxyError.isInstance(error) && error.details.reason === 'EADDRINUSE';
}

export function createProxyController(deps: ProxyControllerDeps) {
  let status: ProxyStatus = { kind: 'stopped', byUser: false };
  let proxy: RunningProxy | undefined;
  /** The port accepted for this run after a conflict; restarts keep it. */
  let portOverride: number | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const set = (next: ProxyStatus) => {
    status = next;
    deps.onChange?.(status);
    return status;
  };
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const startNow = async (port: number | undefined): Promise<ProxyStatus> => {
    if (proxy) return status;
    set({ kind: 'starting' });
    try {
      proxy = await deps.start(port === undefined ? {} : { port });
      if (port !== undefined) portOverride = port;
      const { host, port: bound } = proxy.address;
      deps.log?.(`proxy running on ${proxy.address.url}`);
      return set({ kind: 'running', url: reachableUrl(host, bound), host, port: bound });
    } catch (error) {
      if (isPortInUse(error)) {
        const host = String(error.details.host ?? '127.0.0.1');
        const taken = Number(error.details.port ?? port ?? 0);
        const conflict = await describePortConflict(deps.probe, host, taken);
        const message = portConflictMessage(conflict);
        deps.log?.(message);
        return set({ kind: 'port-conflict', conflict, message });
      }
      const message = error instanceof ConfigError || ProxyError.isInstance(error) || error instanceof Error ? error.message : String(error);
      deps.log?.(`proxy did not start: ${message}`);
      return set({ kind: 'failed', message: `The proxy did not start: ${message}` });
    }
  };

  const stopNow = async (byUser: boolean): Promise<void> => {
    const running = proxy;
    proxy = undefined;
    if (running) await running.close();
    set({ kind: 'stopped', byUser });
  };

  return {
    status: () => status,
    running: () => proxy,
    /** The port this run uses instead of config.yaml's, if one was accepted. */
    portOverride: () => portOverride,
    /** Starts on `port` (for this run) or on the accepted override or config.yaml's port. */
    start: (options: { port?: number } = {}) => serial(() => startNow(options.port ?? portOverride)),
    stop: () => serial(() => stopNow(true)),
    restart: (options: { port?: number } = {}) =>
      serial(async () => {
        await stopNow(false);
        return startNow(options.port ?? portOverride);
      }),
    /** For quitting: closes the server and in-flight streams; safe to call twice. */
    close: () => serial(() => stopNow(false)),
  };
}
