/** A label for a secret that is safe to show: `sk-a…wxyz`, or `****` for short values. */
export function maskSecret(secret: string): string {
  if (secret.length >= 12) return `${secret.slice(0, 4)}…${secret.slice(-4)}`;
  return '****';
}
