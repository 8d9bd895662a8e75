/**
 * Google's OAuth token endpoint for service accounts (the JWT bearer grant, RFC 7523), faithful enough to catch a
 * wrong assertion: it checks the grant type, the RS256 signature against the key pair it generated, and the
 * claims Google checks (iss, scope, aud, iat/exp). `serviceAccount` is a JSON key file as Google Cloud downloads it.
 */
import { generateKeyPairSync, verify } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeServiceAccountGrant {
  iss: string;
  scope: string;
  aud: string;
  iat: number;
  exp: number;
  kid?: string;
}

export interface FakeGoogleServiceAccount {
  /** Token endpoint URL (`oauth-endpoints.vertex.token`). */
  tokenUrl: string;
  /** A service-account JSON key file whose key this fake accepts. */
  serviceAccount: Record<string, string>;
  /** Every accepted or refused assertion, oldest first. */
  grants: Array<FakeServiceAccountGrant & { accepted: boolean }>;
  /** The access tokens issued so far (`ya29.fake-vertex-1`, …). */
  issued: string[];
  /** Seconds each token lives (default 3600). */
  expiresIn: number;
  /** Refuse the key from now on, as Google does for a deleted key (400 invalid_grant). */
  revoke(): void;
  close(): Promise<void>;
}

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

export async function startFakeGoogleServiceAccount(options: { projectId?: string; clientEmail?: string } = {}): Promise<FakeGoogleServiceAccount> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const projectId = options.projectId ?? 'vertex-test-project';
  const clientEmail = options.clientEmail ?? `proxy@${projectId}.iam.gserviceaccount.com`;
  let revoked = false;
  const grants: FakeGoogleServiceAccount['grants'] = [];
  const issued: string[] = [];
  const state = { expiresIn: 3600 };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply = (status: number, body: Record<string, unknown>) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      if (request.method !== 'POST' || request.url !== '/token') return reply(404, { error: 'not_found' });
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return reply(400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type' });
      const [header, claims, signature] = (form.get('assertion') ?? '').split('.');
      if (!header || !claims || !signature) return reply(400, { error: 'invalid_request', error_description: 'Invalid JWT' });
      const parsedHeader = decode(header);
      const grant = decode(claims) as unknown as FakeServiceAccountGrant;
      const signed = parsedHeader.alg === 'RS256' && verify('RSA-SHA256', Buffer.from(`${header}.${claims}`), publicKey, Buffer.from(signature, 'base64url'));
      const valid =
        signed &&
        grant.iss === clientEmail &&
        grant.scope === 'https://www.googleapis.com/auth/cloud-platform' &&
        grant.aud === 'https://oauth2.googleapis.com/token' &&
        grant.exp - grant.iat <= 3600 &&
        parsedHeader.kid === 'fake-key-id-1';
      grants.push({ ...grant, kid: parsedHeader.kid as string | undefined, accepted: valid && !revoked });
      if (revoked) return reply(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
      if (!valid) return reply(400, { error: 'invalid_grant', error_description: 'Invalid JWT: Token must be a short-lived token and in a reasonable timeframe' });
      const token = `ya29.fake-vertex-${issued.length + 1}`;
      issued.push(token);
      reply(200, { access_token: token, expires_in: state.expiresIn, token_type: 'Bearer' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    tokenUrl: `http://127.0.0.1:${port}/token`,
    serviceAccount: {
      type: 'service_account',
      project_id: projectId,
      private_key_id: 'fake-key-id-1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: clientEmail,
      client_id: '100000000000000000001',
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: 'https://oauth2.googleapis.com/token',
    },
    grants,
    issued,
    get expiresIn() {
      return state.expiresIn;
    },
    set expiresIn(value: number) {
      state.expiresIn = value;
    },
    revoke() {
      revoked = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
