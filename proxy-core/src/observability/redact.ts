import { maskSecret } from '../shared/index.js';

export interface Redactor {
  /** Replaces the known secrets (client keys, API keys, tokens, the management key); rebuilds one regex. */
  setSecrets(values: readonly string[]): void;
  /** Masks every known secret and everything that looks like a key or token. */
  redact(text: string): string;
  /** A redacted deep copy: strings go through `redact`, strings under secret-looking keys are masked. */
  redactValue(value: unknown): unknown;
  /** `sk-a…wxyz` for 12+ characters, else `****`. */
  mask(secret: string): string;
}

/** Secrets shorter than this are not registered: replacing every `abc` in every line would wreck the logs. */
const MIN_SECRET_LENGTH = 4;
const MAX_DEPTH = 12;
/** Field names whose string values are secrets whatever they look like (`inputTokens: 12` stays: only strings are masked). */
const SECRET_KEY = /authorization|api[-_]?key|token|secret|password|cookie/i;
/** Values already masked by us (or by a caller who logged a label) are left alone, so redaction is idempotent. */
const ALREADY_MASKED = /^(?:\*{4}|[^…]{4}…[^…]{4}|REDACTED\(.*\))$/;

const TOKEN_CHARS = 'A-Za-z0-9._~+/=-';

/**
 * Something every pattern below needs to find (a header name, a JSON/query key, a token prefix). Text
 * without any of these, and without a registered secret, is returned as is: most log lines are like
 * that, and running every pattern over them was measurable on the request path.
 */
const MIGHT_HOLD_A_SECRET = /authorization|api[-_]?key|_token|client_secret|secret[-_]?key|password|key=|bearer|:\/\/[^\s:/@]+:[^\s@/]+@|sk-|AIza|eyJ|ya29\./i;

interface Pattern {
  regex: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function maskUnlessMasked(value: string): string {
  return ALREADY_MASKED.test(value) ? value : maskSecret(value);
}

/** Likely secrets we mask even when nobody registered them. Each keeps its label and masks only the value. */
function buildPatterns(): Pattern[] {
  const keepPrefix = (_match: string, prefix: string, value: string) => prefix + maskUnlessMasked(value);
  return [
    // Header forms: always a secret, whatever its length (`Authorization: Bearer x`, `x-api-key: x`, JSON or HTTP style).
    {
      regex: new RegExp(`(\\b(?:proxy-)?authorization["']?\\s*[:=]\\s*["']?(?:(?:Bearer|Basic|token)\\s+)?)([^\\s"',;]+)`, 'gi'),
      replace: keepPrefix,
    },
    { regex: /(\bx-(?:goog-)?api-key["']?\s*[:=]\s*["']?)([^\s"',;&]+)/gi, replace: keepPrefix },
    // JSON fields of OAuth token files and responses, and of provider configs.
    {
      regex: /("(?:access_token|refresh_token|id_token|client_secret|api[-_]?key|secret[-_]?key|password)"\s*:\s*")((?:[^"\\]|\\.)+)(")/gi,
      replace: (_match, prefix, value, quote) => prefix + maskUnlessMasked(value) + quote,
    },
    // Query strings and form bodies: `?key=…` (Gemini), `&access_token=…`, `refresh_token=…&client_secret=…`.
    {
      regex: /((?:^|[?&\s])(?:key|api[-_]?key|access_token|refresh_token|id_token|client_secret)=)([^&\s"'#]+)/gi,
      replace: keepPrefix,
    },
    // `Bearer <token>` in prose: a token has a digit or is long, so "Bearer authentication failed" survives.
    {
      regex: new RegExp(`(\\bBearer\\s+)((?=[${TOKEN_CHARS}]*[0-9])[${TOKEN_CHARS}]{8,}|[${TOKEN_CHARS}]{20,})`, 'g'),
      replace: keepPrefix,
    },
    // Passwords in proxy URLs: `socks5://user:pass@host`.
    { regex: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)(?=@)/gi, replace: keepPrefix },
    // Bare key shapes: OpenAI/Anthropic `sk-…`/`sk-ant-…`, Google `AIza…`, JWTs (also Google `ya29.` access tokens).
    { regex: /\bsk-[A-Za-z0-9_-]{16,}/g, replace: (match) => maskSecret(match) },
    { regex: /\bAIza[0-9A-Za-z_-]{30,}/g, replace: (match) => maskSecret(match) },
    { regex: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: (match) => maskSecret(match) },
    { regex: /\bya29\.[A-Za-z0-9_-]{16,}/g, replace: (match) => maskSecret(match) },
  ];
}

export function createRedactor(): Redactor {
  const patterns = buildPatterns();
  let secretRegex: RegExp | null = null;
  let masks = new Map<string, string>();

  let secretTest: RegExp | null = null;

  const redact = (text: string): string => {
    if (text.length === 0) return text;
    if (!MIGHT_HOLD_A_SECRET.test(text) && !secretTest?.test(text)) return text;
    let result = secretRegex ? text.replace(secretRegex, (match) => masks.get(match) ?? maskSecret(match)) : text;
    for (const pattern of patterns) result = result.replace(pattern.regex, pattern.replace as (match: string, ...rest: unknown[]) => string);
    return result;
  };

  const copy = (value: unknown, secret: boolean, depth: number, seen: WeakSet<object>): unknown => {
    if (typeof value === 'string') return secret ? maskUnlessMasked(value) : redact(value);
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'bigint') return value.toString();
      if (typeof value === 'function' || typeof value === 'symbol') return `[${typeof value}]`;
      return value;
    }
    if (seen.has(value)) return '[Circular]';
    if (depth >= MAX_DEPTH) return '[Truncated]';
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
    seen.add(value);
    try {
      if (Array.isArray(value)) return value.map((item) => copy(item, secret, depth + 1, seen));
      if (value instanceof Error) {
        const error: Record<string, unknown> = { name: value.name, message: redact(value.message) };
        const code = (value as { code?: unknown }).code;
        if (code !== undefined) error.code = copy(code, false, depth + 1, seen);
        if (value.cause !== undefined) error.cause = copy(value.cause, secret, depth + 1, seen);
        return error;
      }
      const entries = value instanceof Map ? [...value.entries()].map(([key, item]) => [String(key), item] as const) : Object.entries(value);
      const result: Record<string, unknown> = {};
      for (const [key, item] of entries) result[key] = copy(item, secret || SECRET_KEY.test(key), depth + 1, seen);
      return result;
    } finally {
      seen.delete(value);
    }
  };

  return {
    setSecrets(values) {
      const next = new Map<string, string>();
      for (const value of values) {
        if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) continue;
        const mask = maskSecret(value);
        next.set(value, mask);
        // The same key inside a URL (`?key=a%2Bb`) is another spelling of the same secret.
        const encoded = encodeURIComponent(value);
        if (encoded !== value) next.set(encoded, mask);
      }
      masks = next;
      const alternatives = [...next.keys()].sort((a, b) => b.length - a.length).map(escapeRegex);
      secretRegex = alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'g') : null;
      secretTest = alternatives.length > 0 ? new RegExp(alternatives.join('|')) : null;
    },
    redact,
    redactValue: (value) => copy(value, false, 0, new WeakSet()),
    mask: maskSecret,
  };
}
