import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { LoginView } from '../../src/server/management/contract.js';
import type { FakeOAuthServer } from '../../src/testing/index.js';
import { MANAGEMENT_KEY, type TestProxy } from './harness.js';

/** A management call with the test key; resolves the JSON body and the status. */
export async function management<T = any>(proxy: TestProxy, method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${proxy.url}/v0/management${route}`, {
    method,
    headers: { authorization: `Bearer ${MANAGEMENT_KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** Polls until `check` holds (default 15 s: the whole suite runs on two busy cores). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value).slice(0, 800)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The auth-dir of a test proxy (`$AUTH_DIR`), created private. */
export function authDir(proxy: TestProxy): string {
  const dir = path.join(proxy.dir, 'auth');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** Puts an account file into the auth-dir as another program (or an older install) would. */
export function writeAuthFile(proxy: TestProxy, name: string, data: Record<string, unknown>): string {
  const file = path.join(authDir(proxy), name);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  return file;
}

/**
 * A whole browser login through the management API: start it, let the scripted browser approve at the fake
 * vendor and follow the redirect to the proxy's callback server, then wait for the login to finish.
 */
export async function browserLogin(proxy: TestProxy, oauth: FakeOAuthServer, start: Record<string, unknown>): Promise<{ login: LoginView; page: { status: number; text: string } }> {
  const started = await management<LoginView>(proxy, 'POST', '/logins', start);
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const callback = await oauth.approve(started.body.url);
  const response = await fetch(callback);
  const page = { status: response.status, text: await response.text() };
  const login = await eventually(
    async () => (await management<LoginView>(proxy, 'GET', `/logins/${started.body.id}`)).body,
    (view) => view.status !== 'waiting' && view.status !== 'exchanging',
  );
  return { login, page };
}

/** Deletes every account file through management and waits until the proxy lists none (the reset between tests). */
export async function deleteAllAccounts(proxy: TestProxy): Promise<void> {
  const list = async () => (await management<{ accounts: Array<{ file: string }> }>(proxy, 'GET', '/accounts')).body.accounts;
  for (const account of await list()) await management(proxy, 'DELETE', `/auth-files?name=${encodeURIComponent(account.file)}`);
  await eventually(list, (accounts) => accounts.length === 0);
}
