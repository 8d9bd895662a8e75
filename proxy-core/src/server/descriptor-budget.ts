/**
 * Whether `max-connections` fits the process's open-file limit. Each proxied request holds a client socket
 * and an upstream socket, and the proxy keeps some files of its own (config, logs, the usage database, idle
 * upstream sockets), so the limit needs about twice the connections plus a reserve. Linux only (reads
 * `/proc/self/limits`); elsewhere, or when the file cannot be read, there is nothing to say.
 */
export const DESCRIPTOR_RESERVE = 64;

export function descriptorWarning(maxConnections: number, limitsText: string | undefined): string | undefined {
  if (!limitsText) return undefined;
  const match = /^Max open files\s+(\d+|unlimited)\s+/m.exec(limitsText);
  if (!match || match[1] === 'unlimited') return undefined;
  const soft = Number(match[1]);
  const needed = maxConnections * 2 + DESCRIPTOR_RESERVE;
  if (needed <= soft) return undefined;
  const fits = Math.max(16, Math.floor((soft - DESCRIPTOR_RESERVE) / 2));
  return `max-connections: ${maxConnections} needs about ${needed} open files, but this process may open ${soft} (ulimit -n). Under load new connections could fail; set max-connections: ${fits} or raise the limit.`;
}
