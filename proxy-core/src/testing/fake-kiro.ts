import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeKiroEvent, encodeKiroException } from '../providers/kiro/index.js';

/**
 * A fake Kiro: AWS SSO-OIDC (`/client/register`, `/device_authorization`, `/token`), Kiro's social auth service
 * (`/oauth/token`, `/refreshToken`) and CodeWhisperer (`/generateAssistantResponse` answering REAL AWS
 * event-stream frames with correct CRC32s, written split across socket writes; `/getUsageLimits`). Shapes:
 * reference/inventory-providers.md §7.1. One server for all three, so every Kiro endpoint points at `url`.
 */
export interface FakeKiroRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: any;
}

export interface FakeKiroAccount {
  email: string;
  profileArn: string;
  /** Credits used / allowed this month (`getUsageLimits`); when used ≥ limit, chat answers 402. */
  used: number;
  limit: number;
  suspended?: boolean;
}

export interface FakeKiroTokens {
  accessToken: string;
  refreshToken: string;
  profileArn: string;
  clientId: string;
  clientSecret: string;
}

export interface FakeKiro {
  url: string;
  requests: FakeKiroRequest[];
  /** Requests to `/generateAssistantResponse`, oldest first. */
  chatRequests(): FakeKiroRequest[];
  /** Tokens for an account as if it had logged in before (social when `clientId` is not wanted). */
  seed(account: Partial<FakeKiroAccount> & { email: string }): FakeKiroTokens;
  account(email: string): FakeKiroAccount;
  /** The vendor revokes this refresh token: refreshing with it answers `invalid_grant`. */
  revoke(refreshToken: string): void;
  /** The access token stops working (as if it expired): chat answers 403 "The bearer token included in the request is invalid". */
  expire(accessToken: string): void;
  /** The next chat answer carries a frame with a wrong message CRC after the first text event. */
  corruptNext: boolean;
  /** Device login: the user approved this code on the AWS page, signing in as `email` (a new account when unknown). */
  approveDevice(userCode: string, email: string): void;
  /** This token's chat answers are HTTP 200 event streams whose first frame is this exception (until cleared). */
  streamException: Map<string, { type: string; message: string }>;
  /** User codes of device logins started and not yet approved, oldest first. */
  pendingUserCodes(): string[];
  /** The next chat answer is this HTTP error (status + JSON body). */
  failNext?: { status: number; body: unknown };
  close(): Promise<void>;
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

/** Writes frames as separate socket writes, each frame cut in two so frames straddle TCP chunks. */
async function writeFrames(response: ServerResponse, frames: Buffer[]): Promise<void> {
  response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': randomUUID() });
  response.socket?.setNoDelay(true);
  const all = Buffer.concat(frames);
  // Cut points that fall inside frames (not on their edges): 7 bytes into the prelude, mid-headers, mid-payload.
  const cuts: number[] = [];
  let at = 0;
  for (const frame of frames) {
    cuts.push(at + 7, at + Math.floor(frame.length / 2));
    at += frame.length;
  }
  cuts.push(all.length);
  let from = 0;
  for (const cut of cuts) {
    if (cut <= from) continue;
    await new Promise<void>((resolve) => response.write(all.subarray(from, cut), () => resolve()));
    from = cut;
  }
  response.end();
}

interface ToolSpec {
  toolSpecification: { name: string };
}

/** The default conversation: tools without results → a streamed tool call; results → a text answer naming them. */
function answerFrames(body: any, corrupt: boolean): Buffer[] {
  const current = body?.conversationState?.currentMessage?.userInputMessage ?? {};
  const context = current.userInputMessageContext ?? {};
  const tools = (context.tools ?? []) as ToolSpec[];
  const results = (context.toolResults ?? []) as Array<{ content: Array<{ text: string }> }>;
  const usage = encodeKiroEvent('metadataEvent', { tokenUsage: { uncachedInputTokens: 11, cacheReadInputTokens: 0, outputTokens: 7, totalTokens: 18 } });
  if (tools.length > 0 && results.length === 0) {
    const name = tools[0]!.toolSpecification.name;
    return [
      encodeKiroEvent('assistantResponseEvent', { content: 'Let me check.' }),
      encodeKiroEvent('toolUseEvent', { toolUseId: 'tooluse_kiro1', name, input: '' }),
      encodeKiroEvent('toolUseEvent', { toolUseId: 'tooluse_kiro1', name, input: '{"city":' }),
      encodeKiroEvent('toolUseEvent', { toolUseId: 'tooluse_kiro1', name, input: '"Paris"}' }),
      encodeKiroEvent('toolUseEvent', { toolUseId: 'tooluse_kiro1', name, stop: true }),
      encodeKiroEvent('meteringEvent', { unit: 'credit', unitPlural: 'credits', usage: 0.02 }),
      usage,
    ];
  }
  const text = results.length > 0 ? `The tool said: ${results.map((result) => result.content.map((item) => item.text).join('')).join(' | ')}` : 'Hello from Kiro.';
  const half = Math.ceil(text.length / 2);
  const frames = [encodeKiroEvent('assistantResponseEvent', { content: text.slice(0, half) }), encodeKiroEvent('assistantResponseEvent', { content: text.slice(half) })];
  if (corrupt) {
    const bad = Buffer.from(frames[1]!);
    bad[bad.length - 6] ^= 0x20;
    frames[1] = bad;
  }
  return [...frames, encodeKiroEvent('meteringEvent', { unit: 'credit', unitPlural: 'credits', usage: 0.01 }), usage, encodeKiroEvent('messageStopEvent', { stopReason: 'end_turn' })];
}

export async function startFakeKiro(): Promise<FakeKiro> {
  const accounts = new Map<string, FakeKiroAccount>();
  const accessTokens = new Map<string, string>(); // token → email
  const refreshTokens = new Map<string, { email: string; clientId?: string }>();
  const revoked = new Set<string>();
  const expired = new Set<string>();
  const requests: FakeKiroRequest[] = [];
  const clients = new Map<string, string>(); // clientId → clientSecret
  const devices = new Map<string, { clientId: string; userCode: string; email?: string }>(); // deviceCode → state

  const issue = (email: string, clientId?: string) => {
    const accessToken = `aoa${randomBytes(12).toString('hex')}`;
    const refreshToken = `aor${randomBytes(12).toString('hex')}`;
    accessTokens.set(accessToken, email);
    refreshTokens.set(refreshToken, { email, clientId });
    return { accessToken, refreshToken };
  };
  const bearer = (request: FakeKiroRequest) => /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];

  const fake: FakeKiro = {
    url: '',
    requests,
    chatRequests: () => requests.filter((request) => request.path === '/generateAssistantResponse'),
    seed(input) {
      const account: FakeKiroAccount = { profileArn: `arn:aws:codewhisperer:us-east-1:699475941385:profile/${randomBytes(6).toString('hex').toUpperCase()}`, used: 0, limit: 50, ...input };
      accounts.set(account.email, account);
      const clientId = `client-${randomBytes(4).toString('hex')}`;
      return { ...issue(account.email, clientId), profileArn: account.profileArn, clientId, clientSecret: `secret-${clientId}` };
    },
    account: (email) => accounts.get(email)!,
    revoke: (refreshToken) => void revoked.add(refreshToken),
    expire: (accessToken) => void expired.add(accessToken),
    corruptNext: false,
    streamException: new Map(),
    pendingUserCodes: () => [...devices.values()].filter((device) => !device.email).map((device) => device.userCode),
    approveDevice(userCode, email) {
      for (const device of devices.values()) if (device.userCode === userCode) device.email = email;
      if (!accounts.has(email)) fake.seed({ email });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const handle = async (incoming: IncomingMessage, response: ServerResponse) => {
    const url = new URL(incoming.url ?? '/', 'http://fake');
    const text = await readBody(incoming);
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    const headers = Object.fromEntries(Object.entries(incoming.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
    const request: FakeKiroRequest = { method: incoming.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body };
    requests.push(request);

    if (request.method === 'POST' && url.pathname === '/' && headers['x-amz-target'] === 'AmazonCodeWhispererService.ListProfiles') {
      const email = accessTokens.get(bearer(request) ?? '');
      if (!email) return json(response, 403, { message: 'The bearer token included in the request is invalid.' });
      return json(response, 200, { profiles: [{ arn: accounts.get(email)!.profileArn, profileName: 'KiroProfile-us-east-1' }] });
    }
    switch (url.pathname) {
      case '/client/register': {
        if (body?.clientType !== 'public' || !Array.isArray(body?.grantTypes)) return json(response, 400, { error: 'invalid_client_metadata' });
        const clientId = `client-${randomBytes(6).toString('hex')}`;
        clients.set(clientId, `secret-${randomBytes(8).toString('hex')}`);
        return json(response, 200, { clientId, clientSecret: clients.get(clientId), clientIdIssuedAt: 1765000000, clientSecretExpiresAt: 1772776000 });
      }
      case '/device_authorization': {
        if (clients.get(body?.clientId) !== body?.clientSecret) return json(response, 400, { error: 'invalid_client' });
        const deviceCode = randomBytes(16).toString('hex');
        const userCode = `${randomBytes(2).toString('hex')}-${randomBytes(2).toString('hex')}`.toUpperCase();
        devices.set(deviceCode, { clientId: body.clientId, userCode });
        return json(response, 200, { deviceCode, userCode, verificationUri: `${fake.url}/device`, verificationUriComplete: `${fake.url}/device?user_code=${userCode}`, expiresIn: 600, interval: 1 });
      }
      case '/token':
      case '/refreshToken': {
        if (url.pathname === '/token' && body?.grantType === 'urn:ietf:params:oauth:grant-type:device_code') {
          const device = devices.get(body.deviceCode);
          if (!device || device.clientId !== body.clientId || clients.get(body.clientId) !== body.clientSecret) return json(response, 400, { error: 'invalid_grant' });
          if (!device.email) return json(response, 400, { error: 'authorization_pending', error_description: 'Authorization pending' });
          devices.delete(body.deviceCode);
          const fresh = issue(device.email, device.clientId);
          return json(response, 200, { accessToken: fresh.accessToken, refreshToken: fresh.refreshToken, tokenType: 'Bearer', expiresIn: 3600 });
        }
        if (url.pathname === '/token' && body?.grantType !== 'refresh_token' && body?.grant_type !== 'refresh_token') return json(response, 400, { error: 'unsupported_grant_type' });
        const token = body?.refreshToken ?? body?.refresh_token;
        const known = refreshTokens.get(token);
        if (!known || revoked.has(token)) {
          // SSO-OIDC answers 400 invalid_grant; Kiro's auth service 401.
          return url.pathname === '/token' ? json(response, 400, { error: 'invalid_grant', error_description: 'Invalid refresh token provided' }) : json(response, 401, { message: 'Invalid refresh token' });
        }
        if (url.pathname === '/token' && (body.clientId !== known.clientId || body.client_id !== known.clientId || body.grant_type !== 'refresh_token')) {
          return json(response, 400, { error: 'invalid_client', error_description: 'clientId / client_id / grant_type missing or wrong' });
        }
        const fresh = issue(known.email, known.clientId);
        // SSO-OIDC keeps the refresh token (omits it); Kiro's service rotates it.
        return url.pathname === '/token'
          ? json(response, 200, { accessToken: fresh.accessToken, tokenType: 'Bearer', expiresIn: 3600 })
          : json(response, 200, { accessToken: fresh.accessToken, refreshToken: fresh.refreshToken, profileArn: accounts.get(known.email)?.profileArn, expiresIn: 3600 });
      }
      case '/listAvailableModels': {
        if (!accessTokens.has(bearer(request) ?? '')) return json(response, 403, { message: 'The bearer token included in the request is invalid.' });
        return json(response, 200, {
          models: [
            { modelId: 'auto', modelName: 'Auto', description: 'Kiro picks the model', rateMultiplier: 1, rateUnit: 'credit' },
            { modelId: 'claude-sonnet-4.5', modelName: 'Claude Sonnet 4.5', rateMultiplier: 1.3, rateUnit: 'credit', tokenLimits: { maxInputTokens: 200000 } },
            { modelId: 'claude-haiku-4.5', modelName: 'Claude Haiku 4.5', rateMultiplier: 0.4, rateUnit: 'credit', tokenLimits: { maxInputTokens: 200000 } },
          ],
        });
      }
      case '/getUsageLimits': {
        const email = accessTokens.get(bearer(request) ?? '');
        if (!email) return json(response, 403, { message: 'The bearer token included in the request is invalid.' });
        const account = accounts.get(email)!;
        const reset = Date.UTC(2027, 0, 1) / 1000;
        return json(response, 200, {
          daysUntilReset: 24,
          nextDateReset: reset,
          subscriptionInfo: { subscriptionTitle: 'KIRO FREE', type: 'Q_DEVELOPER_STANDALONE_FREE' },
          userInfo: { email, userId: 'user-1' },
          usageBreakdownList: [{ resourceType: 'AGENTIC_REQUEST', displayName: 'Credits', usageLimit: account.limit, currentUsage: Math.floor(account.used), usageLimitWithPrecision: account.limit, currentUsageWithPrecision: account.used, nextDateReset: reset }],
        });
      }
      case '/generateAssistantResponse': {
        const token = bearer(request) ?? '';
        const email = accessTokens.get(token);
        if (!email || expired.has(token)) return json(response, 403, { message: 'The bearer token included in the request is invalid.' });
        const account = accounts.get(email)!;
        if (fake.failNext) {
          const { status, body: errorBody } = fake.failNext;
          fake.failNext = undefined;
          return json(response, status, errorBody);
        }
        const exception = fake.streamException.get(token);
        if (exception) return writeFrames(response, [encodeKiroException(exception.type, exception.message)]);
        if (account.suspended) return json(response, 403, { __type: 'com.amazon.aws.codewhisperer#AccessDeniedException', message: 'Your account is TEMPORARILY_SUSPENDED', reason: 'TEMPORARILY_SUSPENDED' });
        if (account.used >= account.limit) return json(response, 402, { message: 'You have reached the limit for monthly requests.', reason: 'MONTHLY_REQUEST_COUNT' });
        if (!body?.conversationState?.currentMessage?.userInputMessage?.content) return json(response, 400, { message: 'Improperly formed request.', __type: 'com.amazon.aws.codewhisperer#ValidationException' });
        account.used += 1;
        const corrupt = fake.corruptNext;
        fake.corruptNext = false;
        return writeFrames(response, answerFrames(body, corrupt));
      }
      default:
        return json(response, 404, { message: `no route ${url.pathname}` });
    }
  };

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch((error: Error) => {
      if (!response.headersSent) json(response, 500, { message: error.message });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
