import { ProxyError } from '../../shared/errors.js';
import { parseGeminiBody, prepareCodeAssistRequest } from '../code-assist/index.js';
import { joinUrl } from '../forward-headers.js';
import type { UpstreamCall, UpstreamHttpRequest } from '../provider-definition.js';
import { GEMINI_CLI_API_CLIENT, GEMINI_CLI_ENDPOINTS, geminiCliUserAgent } from './oauth-endpoints.js';

/** The project this credential sends: its own (one credential per project), else the account's first. */
export function projectOf(call: Pick<UpstreamCall, 'credential' | 'account'>): string | undefined {
  return call.credential.account?.project ?? call.account?.projects?.[0];
}

/**
 * A Code Assist call as Gemini CLI makes it (inventory §2.3 "Upstream"): `POST {api}/v1internal:generateContent`,
 * `:streamGenerateContent?alt=sse` or `:countTokens`, Bearer token, Gemini CLI's User-Agent (with the model) and
 * X-Goog-Api-Client, and the body wrapped as `{model, project, request}`; countTokens sends only `{request}`
 * without `safetySettings`.
 */
export function buildGeminiCliRequest(call: UpstreamCall): UpstreamHttpRequest {
  const base = call.credential.baseUrl ?? call.credential.account?.endpoints.api ?? GEMINI_CLI_ENDPOINTS.api;
  const request = prepareCodeAssistRequest(parseGeminiBody(call.body));
  let url: string;
  let body: Record<string, unknown>;
  if (call.operation === 'count-tokens') {
    delete request.safetySettings;
    url = joinUrl(base, '/v1internal:countTokens');
    body = { request };
  } else {
    const project = projectOf(call);
    if (!project) {
      throw new ProxyError(`The Gemini CLI account ${call.credential.label} has no Google Cloud project. Log in again (cliproxyctl login --provider gemini-cli).`, {
        status: 401,
        code: 'upstream_error',
        scope: 'credential',
        retryable: true,
      });
    }
    url = joinUrl(base, call.stream ? '/v1internal:streamGenerateContent?alt=sse' : '/v1internal:generateContent');
    body = { model: call.model, project, request };
  }
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: call.stream ? 'text/event-stream' : 'application/json',
    authorization: `Bearer ${call.token}`,
    'user-agent': geminiCliUserAgent(call.model),
    'x-goog-api-client': GEMINI_CLI_API_CLIENT,
    ...call.credential.headers,
  };
  return { url, method: 'POST', headers, body: Buffer.from(JSON.stringify(body)) };
}
