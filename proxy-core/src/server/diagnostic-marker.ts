import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The request header that marks the proxy's own diagnostics probes (the Amp check, the stream canary, doctor). */
export const DIAGNOSTIC_HEADER = 'x-cliproxy-diagnostic';

export interface DiagnosticMarker {
  /** This process's own token, for the in-process diagnostics context. Never logged. */
  readonly token: string;
  /** True when the request carries a token this proxy issued; a bare or guessed header is ordinary traffic. */
  isDiagnostic(req: IncomingMessage): boolean;
}

/**
 * Tells the proxy's own probes from user traffic, so they stay out of the request log's warnings, the Overview's
 * "Recent problems" and usage. The header must carry a secret only this machine has — the process's random token,
 * or the per-launch local key that `cliproxyctl doctor` reads from control.json — so a client cannot hide its
 * requests by sending the header.
 */
export function createDiagnosticMarker(options: { localKey?: string; token?: string } = {}): DiagnosticMarker {
  const token = options.token ?? `diagnostic-${randomBytes(24).toString('base64url')}`;
  const accepted = [token, options.localKey].filter((value): value is string => Boolean(value)).map((value) => Buffer.from(value));
  return {
    token,
    isDiagnostic(req) {
      const header = req.headers[DIAGNOSTIC_HEADER];
      if (typeof header !== 'string' || header === '') return false;
      const presented = Buffer.from(header);
      return accepted.some((value) => value.length === presented.length && timingSafeEqual(value, presented));
    },
  };
}
