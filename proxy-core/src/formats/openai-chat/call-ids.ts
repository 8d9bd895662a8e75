import { createHash } from 'node:crypto';

/**
 * A tool-call id for an upstream call that came without one: a pure function of where it appeared, so
 * tests are deterministic and the same response always yields the same id.
 */
export function fallbackCallId(responseId: string | undefined, candidate: number, toolIndex: number): string {
  const digest = createHash('sha256').update(`${responseId ?? ''}|${candidate}|${toolIndex}`).digest('hex');
  return `call_${digest.slice(0, 24)}`;
}
