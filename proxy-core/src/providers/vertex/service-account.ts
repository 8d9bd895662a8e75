import { createPrivateKey, sign } from 'node:crypto';
import { z } from 'zod';
import type { AccountContext } from '../../login/login-types.js';
import { OAuthError } from '../../login/oauth-error.js';

/** Google's scope for Vertex AI (CLIProxyAPI gemini_vertex_executor.go, vertexAccessToken). */
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const LIFETIME_SECONDS = 3600;

/** The JSON key file Google Cloud downloads for a service account (the fields a token needs). */
export const serviceAccountSchema = z.looseObject({
  type: z.literal('service_account', { error: 'type must be "service_account" (download a JSON key for a service account in the Google Cloud console)' }),
  project_id: z.string().trim().min(1, 'project_id is missing'),
  private_key_id: z.string().trim().optional(),
  private_key: z.string().includes('PRIVATE KEY', { error: 'private_key is not a PEM private key' }),
  client_email: z.string().trim().min(1, 'client_email is missing'),
  token_uri: z.string().trim().optional(),
});
export type ServiceAccount = z.infer<typeof serviceAccountSchema>;

/** Reads a service-account key; the error names the field that is wrong. */
export function parseServiceAccount(data: unknown): ServiceAccount {
  const parsed = serviceAccountSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`not a usable service-account key: ${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  }
  try {
    createPrivateKey(parsed.data.private_key.replace(/\\n/g, '\n'));
  } catch {
    throw new Error('not a usable service-account key: private_key cannot be read as an RSA key');
  }
  return parsed.data;
}

const base64Url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** The RS256-signed assertion of the JWT bearer grant (RFC 7523; Google's service-account flow). */
export function signAssertion(account: ServiceAccount, nowSeconds: number): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(account.private_key_id ? { kid: account.private_key_id } : {}) };
  const claims = { iss: account.client_email, scope: CLOUD_PLATFORM_SCOPE, aud: account.token_uri || GOOGLE_TOKEN_URL, iat: nowSeconds, exp: nowSeconds + LIFETIME_SECONDS };
  const unsigned = `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(claims))}`;
  const signature = sign('RSA-SHA256', Buffer.from(unsigned), createPrivateKey(account.private_key.replace(/\\n/g, '\n')));
  return `${unsigned}.${base64Url(signature)}`;
}

/**
 * A fresh access token for the service account: the signed assertion posted to the token endpoint (`token`, by
 * default Google's; overridable per `oauth-endpoints.vertex.token`). A refused key (deleted, disabled) is permanent.
 */
export async function mintAccessToken(context: AccountContext, account: ServiceAccount): Promise<{ accessToken: string; expiresAt: number }> {
  const now = context.clock.now();
  const response = await context.http.request({
    url: context.endpoint('token'),
    method: 'POST',
    form: { grant_type: JWT_BEARER, assertion: signAssertion(account, Math.floor(now / 1000)) },
  });
  const body = (response.json ?? {}) as Record<string, unknown>;
  if (response.status >= 400 || typeof body.access_token !== 'string') {
    const said = typeof body.error_description === 'string' ? body.error_description : typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
    const permanent = response.status === 400 || response.status === 401 || body.error === 'invalid_grant';
    throw new OAuthError(`Google refused the service-account key of ${account.client_email}: ${said}`, {
      code: typeof body.error === 'string' ? body.error : 'token_failed',
      status: response.status,
      permanent,
      nextStep: permanent ? 'Create a new JSON key for this service account and import it again (cliproxyctl import <key.json>).' : undefined,
    });
  }
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : LIFETIME_SECONDS;
  return { accessToken: body.access_token, expiresAt: now + expiresIn * 1000 };
}
