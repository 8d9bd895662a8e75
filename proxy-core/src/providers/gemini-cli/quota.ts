import type { AccountRecord, QuotaBucket } from '../../credentials/account.js';
import type { AccountContext } from '../../login/login-types.js';
import { googleRetryDelayMs, parseGoogleRpcError, postCodeAssist } from '../code-assist/index.js';
import type { ErrorClassification, ErrorInput } from '../provider-definition.js';
import { geminiCliUserAgent } from './oauth-endpoints.js';

/**
 * A 429 of one project: that project (credential) cools for the model until the time Google names —
 * `RetryInfo.retryDelay`, else `ErrorInfo.metadata.quotaResetDelay`, else "after Ns" in the message (inventory
 * §2.3 "Errors") — and the next project or account is tried.
 */
export function classifyGeminiCliError(input: ErrorInput): ErrorClassification | undefined {
  if (input.status !== 429) return undefined;
  const google = parseGoogleRpcError(input.body);
  const retryAfterMs = googleRetryDelayMs(google);
  const project = input.credential.account?.project;
  const what = google?.reason ? `${google.reason}: ${google.message}` : (google?.message ?? 'quota exceeded');
  const when = retryAfterMs !== undefined ? ` It resets in ${Math.max(1, Math.ceil(retryAfterMs / 1000))}s.` : '';
  return {
    failure: { reason: 'quota', status: 429, retryAfterMs, message: `${project ? `project ${project}: ` : ''}${what}` },
    message: `The Gemini CLI account ${input.credential.label} is out of quota for ${input.model}${project ? ` on project ${project}` : ''} (${what}).${when}`,
  };
}

const number = (value: unknown): number | undefined => {
  const parsed = typeof value === 'string' ? Number(value) : value;
  return typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : undefined;
};

/**
 * `retrieveUserQuota {project}` per project → one bucket per model and token type
 * (`{buckets: [{modelId, tokenType, remainingFraction, remainingAmount, resetTime}]}`, inventory §2.3 "quota").
 */
export async function geminiCliQuota(context: AccountContext, record: AccountRecord): Promise<QuotaBucket[]> {
  const projects = record.projects ?? [];
  const buckets: QuotaBucket[] = [];
  for (const project of projects) {
    const body = await postCodeAssist(context, { base: context.endpoint('api'), accessToken: record.tokens.accessToken, headers: { 'user-agent': geminiCliUserAgent('') } }, 'retrieveUserQuota', { project });
    for (const item of Array.isArray(body.buckets) ? body.buckets : []) {
      if (!item || typeof item !== 'object') continue;
      const bucket = item as Record<string, unknown>;
      const model = typeof bucket.modelId === 'string' ? bucket.modelId : 'all models';
      const tokenType = typeof bucket.tokenType === 'string' ? bucket.tokenType : undefined;
      const reset = typeof bucket.resetTime === 'string' ? Date.parse(bucket.resetTime) : NaN;
      buckets.push({
        id: [projects.length > 1 ? project : undefined, model, tokenType].filter(Boolean).join('/'),
        label: `${model}${tokenType ? ` (${tokenType.toLowerCase()})` : ''}${projects.length > 1 ? ` — ${project}` : ''}`,
        remainingFraction: number(bucket.remainingFraction),
        remaining: number(bucket.remainingAmount),
        unit: tokenType?.toLowerCase(),
        resetsAt: Number.isNaN(reset) ? undefined : reset,
        models: typeof bucket.modelId === 'string' ? [bucket.modelId] : undefined,
      });
    }
  }
  return buckets;
}
