import type { Failure } from '../credentials/cooldown.js';
import type { Credential } from '../credentials/credential.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import { UpstreamHttpError } from '../shared/errors.js';
import { classifyUpstreamError } from './classify-upstream-error.js';

export interface AttemptError {
  error: UpstreamHttpError;
  /** The cooldown to apply; absent = a request error (answered at once, no failover). */
  failure?: Failure;
  /** The provider asked to try the same credential again with its next variant. */
  retrySameCredential?: { delayMs?: number };
}

/**
 * An upstream error for one attempt: the generic status rules, overridden where the provider knows better
 * (quota kinds and reset times, request-scoped refusals, another base URL to try).
 */
export function classifyAttemptError(input: {
  provider: ProviderDefinition;
  credential: Credential;
  model: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  now: number;
  variant: number;
}): AttemptError {
  const { provider, credential, model, status, headers, body, now, variant } = input;
  const classified = classifyUpstreamError(credential, model, status, headers, body, now);
  const special = provider.classifyError?.({ credential, model, status, headers, body, now, variant });
  if (!special) return { error: classified.error, failure: classified.failure };
  const failure = special.failure === undefined ? classified.failure : (special.failure ?? undefined);
  const rewritten = special.message !== undefined || special.status !== undefined || special.failure !== undefined;
  const error = rewritten
    ? new UpstreamHttpError(special.message ?? classified.error.message, {
        status: special.status ?? classified.error.status,
        code: classified.error.code,
        scope: failure ? (failure.reason === 'transient' ? 'upstream' : 'credential') : 'request',
        retryable: failure !== undefined,
        retryAfterSeconds: failure?.retryAfterMs !== undefined ? failure.retryAfterMs / 1000 : classified.error.retryAfterSeconds,
        details: classified.error.details,
        upstreamStatus: status,
        upstreamBody: body,
        upstreamHeaders: headers,
        upstreamMessage: classified.error.upstreamMessage,
      })
    : classified.error;
  return { error, failure, retrySameCredential: special.retrySameCredential };
}
