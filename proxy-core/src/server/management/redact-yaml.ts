import { maskSecret } from '../../shared/mask.js';
import { sha256Hex } from '../../shared/ids.js';

const TOKEN = /REDACTED\(([^)#]*)#([0-9a-f]{8})\)/g;

function tokenFor(secret: string): string {
  return `REDACTED(${maskSecret(secret).replace(/[()#]/g, '')}#${sha256Hex(secret).slice(0, 8)})`;
}

/**
 * config.yaml for the dashboard's editor: every secret replaced by a `REDACTED(sk-a…wxyz#1a2b3c4d)` token,
 * so keys never reach the UI; `restoreSecrets` puts them back when the edited text is saved.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of [...new Set(secrets)].filter((value) => value.length >= 4).sort((a, b) => b.length - a.length)) {
    result = result.split(secret).join(tokenFor(secret));
  }
  return result;
}

export function restoreSecrets(text: string, secrets: readonly string[]): { text: string; unknown: string[] } {
  const byHash = new Map(secrets.map((secret) => [sha256Hex(secret).slice(0, 8), secret]));
  const unknown: string[] = [];
  const restored = text.replace(TOKEN, (match, _label: string, hash: string) => {
    const secret = byHash.get(hash);
    if (secret === undefined) {
      unknown.push(match);
      return match;
    }
    return secret;
  });
  return { text: restored, unknown };
}
